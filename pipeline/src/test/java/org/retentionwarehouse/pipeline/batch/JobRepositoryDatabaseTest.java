package org.retentionwarehouse.pipeline.batch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.DataHome;

/** A job repository that is down is a failure worth retrying (exit 1), not bad configuration (exit 2). */
class JobRepositoryDatabaseTest {

    @Test
    void aDatabaseThatRefusesConnectionsIsRetriedNotReportedAsBadConfiguration(@TempDir Path home) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JobRepositorySettings settings = new JobRepositorySettings(
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/retention", "retention", "secret");
        assertThatThrownBy(() -> JobRepositoryDatabase.open(new DataHome(home), settings))
                .isInstanceOf(IllegalStateException.class).isNotInstanceOf(ConfigurationException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort).hasMessageContaining("cannot be reached now");
    }
}
