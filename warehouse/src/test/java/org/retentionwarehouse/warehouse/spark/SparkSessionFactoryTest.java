package org.retentionwarehouse.warehouse.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;

class SparkSessionFactoryTest {

    @Test
    void aSettingGivenToTheJvmWinsOverRetentionYamlAndTheDefaults(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/retention.yaml"), """
                spark:
                  shuffle_partitions: 4
                  extra:
                    spark.sql.broadcastTimeout: "600"
                    spark.sql.autoBroadcastJoinThreshold: "1m"
                """);
        DataHome home = new DataHome(dir);
        RetentionSettings settings = RetentionSettings.load(home);

        Map<String, String> embedded = SparkSessionFactory.conf(home, settings, new Properties());
        assertThat(embedded).containsEntry("spark.sql.shuffle.partitions", "4").containsEntry("spark.master", "local[*]")
                .containsEntry("spark.sql.broadcastTimeout", "600").containsEntry("spark.ui.enabled", "false")
                .containsKey("spark.hadoop.fs.file.impl");

        // As spark-submit passes its --master and --conf settings.
        Properties submitted = new Properties();
        submitted.setProperty("spark.master", "spark://master:7077");
        submitted.setProperty("spark.sql.shuffle.partitions", "200");
        submitted.setProperty("spark.sql.broadcastTimeout", "1200");
        Map<String, String> onCluster = SparkSessionFactory.conf(home, settings, submitted);
        assertThat(onCluster).doesNotContainKeys("spark.master", "spark.sql.shuffle.partitions", "spark.sql.broadcastTimeout",
                        "spark.hadoop.fs.file.impl")
                .containsEntry("spark.sql.autoBroadcastJoinThreshold", "1m").containsEntry("spark.sql.session.timeZone", "UTC");
    }
}
