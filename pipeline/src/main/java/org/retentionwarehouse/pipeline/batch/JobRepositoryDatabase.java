package org.retentionwarehouse.pipeline.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Opens the job repository's database and creates Spring Batch's tables on first use. Two launches
 * may start on a fresh repository at the same moment, so the check-and-create runs under a file
 * lock in {@code state/}.
 */
final class JobRepositoryDatabase {

    private JobRepositoryDatabase() {
    }

    static DataSource open(DataHome home, JobRepositorySettings settings) {
        try {
            Files.createDirectories(home.state());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + home.state(), e);
        }
        DataSource dataSource;
        String schema;
        if (settings.embedded()) {
            JdbcDataSource h2 = new JdbcDataSource();
            // AUTO_SERVER lets a second process (a concurrent launch of another date) share the file.
            // MAX_COMPACT_TIME=0: no compaction when the last connection closes. H2 2.3.232's chunk
            // move fails an internal assertion there (with -ea, as under surefire), the close fails,
            // and the commits since the database opened were lost: a completed night read STARTED.
            h2.setURL("jdbc:h2:file:" + home.state().resolve("jobrepository") + ";AUTO_SERVER=TRUE;MAX_COMPACT_TIME=0");
            h2.setUser("sa");
            dataSource = h2;
            schema = "schema-h2.sql";
        } else if (settings.url().startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL(settings.url());
            postgres.setUser(settings.user());
            postgres.setPassword(settings.password());
            // The date and warehouse locks are advisory locks held on a connection that stays idle all
            // night: keepalives stop a firewall or NAT from dropping it, and with it the locks, unnoticed.
            postgres.setTcpKeepAlive(true);
            dataSource = postgres;
            schema = "schema-postgresql.sql";
        } else {
            throw new ConfigurationException(JobRepositorySettings.URL + ": '" + settings.url()
                    + "' is not supported; use jdbc:postgresql://host:port/database or leave it unset for H2 under state/");
        }
        createTablesOnFirstUse(home.state().resolve("schema.lock"), dataSource, schema, settings);
        return dataSource;
    }

    private static void createTablesOnFirstUse(Path lockFile, DataSource dataSource, String schema,
                                               JobRepositorySettings settings) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (!hasTables(dataSource, settings)) {
                DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(
                        new ClassPathResource("org/springframework/batch/core/" + schema)), dataSource);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }

    private static boolean hasTables(DataSource dataSource, JobRepositorySettings settings) {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE").close();
                return true;
            } catch (SQLException e) {
                return false;
            }
        } catch (SQLException e) {
            String repository = "job repository " + (settings.embedded() ? "under state/" : settings.url());
            // SQL state class 08 is a connection failure (the server restarting, the network): a retry may
            // succeed, so not exit 2. A refused login or an unknown database needs someone to fix it.
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw new IllegalStateException(repository + " cannot be reached now: " + e.getMessage(), e);
            }
            throw new ConfigurationException(repository + " cannot be reached: " + e.getMessage(), e);
        }
    }
}
