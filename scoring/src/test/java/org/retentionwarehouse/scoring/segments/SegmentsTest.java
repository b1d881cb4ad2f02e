package org.retentionwarehouse.scoring.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loyalty classes at their boundaries. */
class SegmentsTest {

    static SparkSession spark;

    @BeforeAll
    static void spark() {
        spark = SparkSession.builder().master("local[1]").appName("segments-test").config("spark.ui.enabled", false)
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aCustomerIsLostOnTheDayTheLastVisitLeavesTheWindowTheKpisCountBy() {
        // 365 days: 2025-06-30 to 2026-06-30. A visit on 2025-06-30 is outside (2025-06-30, 2026-06-30].
        long lostDays = 365;
        List<Row> rows = List.of(RowFactory.create(364, 0.05), RowFactory.create(365, 0.05), RowFactory.create(366, 0.05),
                RowFactory.create(10, 0.05), RowFactory.create(10, Segments.MARGINAL_FROM));
        List<String> classes = spark.createDataFrame(rows, StructType.fromDDL("days_since_last_visit int, churn_probability double"))
                .select(Segments.loyaltyClass(lostDays)).collectAsList().stream().map(r -> r.getString(0)).toList();
        assertThat(classes).containsExactly("loyal", "lost", "lost", "loyal", "marginal");
    }
}
