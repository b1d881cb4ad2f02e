package org.retentionwarehouse.pipeline.cli;

import java.nio.file.Path;
import org.retentionwarehouse.warehouse.config.DataHome;
import picocli.CommandLine.Option;

/** The {@code --home} option every command shares. */
public final class HomeOption {

    @Option(names = "--home", paramLabel = "DIR",
            description = "Data home (inbox, warehouse, state, models, outputs). Default: $RETENTION_HOME, else ./var")
    Path home;

    DataHome dataHome() {
        return home == null ? DataHome.fromEnvironment() : new DataHome(home);
    }
}
