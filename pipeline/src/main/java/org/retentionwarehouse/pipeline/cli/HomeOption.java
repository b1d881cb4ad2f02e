package org.retentionwarehouse.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
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

    /**
     * The data home of a command that runs nights in it, which must exist: made on the spot, a mistyped
     * {@code --home} would hold a job repository with a failed run, and {@code status} would then report
     * that run instead of the mistake.
     */
    DataHome existingDataHome() {
        DataHome dataHome = dataHome();
        if (!Files.isDirectory(dataHome.root())) {
            throw new ConfigurationException(dataHome.root() + ": no such data home (a mistyped --home or"
                    + " $RETENTION_HOME? The README's \"A new deployment\" says what one holds; `retention generate"
                    + " --home DIR` makes one with simulated data)");
        }
        return dataHome;
    }
}
