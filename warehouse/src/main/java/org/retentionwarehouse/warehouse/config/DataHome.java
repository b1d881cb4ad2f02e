package org.retentionwarehouse.warehouse.config;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The data home: one folder that holds everything a deployment owns (inbox, Iceberg warehouse,
 * job repository, models, published outputs). Defaults to {@code ./var} or {@code RETENTION_HOME}.
 */
public record DataHome(Path root) {

    public DataHome {
        root = root.toAbsolutePath().normalize();
    }

    /** The home named by {@code RETENTION_HOME}, else {@code ./var}. */
    public static DataHome fromEnvironment() {
        String env = System.getenv("RETENTION_HOME");
        return new DataHome(Path.of(env == null || env.isBlank() ? "var" : env));
    }

    public Path conf() {
        return root.resolve("conf");
    }

    public Path storesFile() {
        return conf().resolve("stores.yaml");
    }

    public Path settingsFile() {
        return conf().resolve("retention.yaml");
    }

    public Path inbox() {
        return root.resolve("inbox");
    }

    /** Folder of one store's delivery that arrived on {@code date}. */
    public Path delivery(String storeId, LocalDate date) {
        return inbox().resolve(storeId).resolve(date.toString());
    }

    public Path warehouse() {
        return root.resolve("warehouse");
    }

    public Path state() {
        return root.resolve("state");
    }

    public Path models() {
        return root.resolve("models");
    }

    public Path outputs() {
        return root.resolve("outputs");
    }

    public Path outputs(LocalDate date) {
        return outputs().resolve(date.toString());
    }
}
