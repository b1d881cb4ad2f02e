package org.retentionwarehouse.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.retentionwarehouse.reports.kpi.StoreKpis;
import org.retentionwarehouse.reports.lists.CoolDown;
import org.retentionwarehouse.reports.quality.ScoreQuality;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.table.Tables;

/** The reports' Spark functions on tiny hand-made tables whose right answers are worked out by hand. */
class ReportDatasetsTest {

    static final LocalDate D = LocalDate.of(2026, 6, 30);
    static final RetentionSettings.Definitions DEFAULTS = new RetentionSettings.Definitions(24, 12, 12);

    static SparkSession spark;

    @BeforeAll
    static void spark() {
        spark = SparkSession.builder().master("local[2]").appName("reports-test")
                .config("spark.ui.enabled", false).config("spark.sql.shuffle.partitions", 2)
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    @Test
    void storeKpisFollowTheConfiguredDefinitionsPerStoreAndForTheGroup() {
        Dataset<Row> orders = table("store_id string, customer_key string, open_date date",
                row("S1", "A", "2025-03-01"), row("S1", "A", "2026-03-01"),
                row("S1", "B", "2025-01-10"),
                row("S2", "D", "2023-01-01"),
                row("S1", "E", "2024-12-01"), row("S2", "E", "2026-05-01"),
                row("S1", "F", "2025-02-01"), row("S1", "F", "2026-07-05"),
                row("S1", null, "2026-06-01"));
        Dataset<Row> sales = table("store_id string, customer_key string, order_date date", row("S2", "C", "2026-06-01"));
        Dataset<Row> interactions = table("store_id string, interaction_type string, interaction_date date, resolved_date date, score int",
                row("S1", "complaint", "2026-06-01", null, null),
                row("S1", "complaint", "2026-01-01", "2026-01-11", null),
                row("S2", "complaint", "2026-06-20", "2026-07-10", null),
                row("S2", "complaint", "2025-01-01", "2025-01-31", null),
                row("S1", "complaint", "2026-07-02", null, null),
                row("S1", "survey", "2026-02-01", null, 4),
                row("S2", "survey", "2026-03-01", null, 2),
                row("S2", "survey", "2024-01-01", null, 5));
        Dataset<Row> stores = table("store_id string", row("S1"), row("S2"));
        Dataset<Row> list = table("store_id string, customer_key string", row("S1", "A"), row("S1", "B"));

        Map<String, Row> kpis = new HashMap<>();
        new StoreKpis(DEFAULTS).build(D, stores, orders, sales, interactions, list, new StoreKpis.Model("m1", 0.8))
                .collectAsList().forEach(r -> kpis.put(r.getAs("store_id"), r));

        assertThat(kpis).containsOnlyKeys("S1", "S2", Tables.GROUP);
        // S1: A, B, F active (E's latest visit is at S2); B and F silent for a year; cohort A B E F, of whom A and E came back.
        assertKpi(kpis.get("S1"), 3, 2, 4, 2, 0.5, 1, 10.0, 4.0, 2);
        assertKpi(kpis.get("S2"), 2, 0, 0, 0, null, 1, null, 2.0, 0);
        assertKpi(kpis.get(Tables.GROUP), 5, 2, 4, 2, 0.5, 2, 10.0, 3.0, 2);
        assertThat(kpis.get(Tables.GROUP).<String>getAs("model_version")).isEqualTo("m1");
        assertThat(kpis.get("S1").<Double>getAs("churn_rate")).isEqualTo(0.5);
        assertThat(kpis.get("S1").getDate(0)).isEqualTo(Date.valueOf(D));
    }

    @Test
    void aCustomerContactedAfterBeingListedRestsForTheCoolDown() {
        Dataset<Row> earlier = table("snapshot_date date, customer_key string",
                row("2026-06-01", "P"), row("2026-06-01", "Q"), row("2026-04-01", "R"), row("2026-06-30", "S"), row("2026-06-20", "T"));
        Dataset<Row> interactions = table("customer_key string, interaction_date date",
                row("P", "2026-06-05"),   // contacted after listing, 25 days ago: resting
                row("Q", "2026-05-20"),   // contacted before being listed: not a response to the list
                row("R", "2026-04-02"),   // contacted after listing, but the cool-down has passed
                row("S", "2026-06-29"),   // listed only tonight
                row("T", "2026-06-20"),   // called the day the list came out
                row("U", "2026-06-28"));  // never listed
        List<String> resting = CoolDown.customers(D, 30, earlier, interactions).collectAsList().stream()
                .map(r -> r.getString(0)).sorted().toList();
        assertThat(resting).containsExactly("P", "T");
    }

    @Test
    void decilesCompareMaturedScoresWithWhatHappenedAndFallBackToTonightsScores() {
        List<Row> scores = new ArrayList<>();
        List<Row> visits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // The ten highest scores of 2025-06-30 never came back; the ten lowest did.
            scores.add(row("2025-06-30", "C" + i, (20 - i) / 21.0));
            scores.add(row(D.toString(), "C" + i, i / 20.0));
            if (i >= 10) {
                visits.add(row("C" + i, "2026-01-15"));
            }
        }
        Dataset<Row> allScores = table("snapshot_date date, customer_key string, churn_probability double", scores.toArray(Row[]::new));
        Dataset<Row> orders = table("customer_key string, open_date date", visits.toArray(Row[]::new));
        Dataset<Row> sales = table("customer_key string, order_date date");

        ScoreQuality.Deciles matured = ScoreQuality.deciles(D, 12, allScores, orders, sales);
        assertThat(matured.observed()).isTrue();
        assertThat(matured.snapshot()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(matured.deciles()).hasSize(10).allSatisfy(d -> assertThat(d.customers()).isEqualTo(2));
        assertThat(matured.deciles()).extracting(ScoreQuality.Decile::observedRate)
                .containsExactly(1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0);

        ScoreQuality.Deciles fresh = ScoreQuality.deciles(D, 24, allScores, orders, sales);
        assertThat(fresh.observed()).isFalse();
        assertThat(fresh.snapshot()).isEqualTo(D);
        assertThat(fresh.deciles().get(0).meanPredicted()).isEqualTo((19 + 18) / 40.0);
        assertThat(fresh.deciles()).allSatisfy(d -> assertThat(d.observedRate()).isNull());

        List<ScoreQuality.Bin> bins = ScoreQuality.histogram(allScores.filter("snapshot_date = DATE '2026-06-30'"));
        assertThat(bins).hasSize(ScoreQuality.BINS).allSatisfy(b -> assertThat(b.customers()).isEqualTo(1));
    }

    private static void assertKpi(Row r, long active, long lost, long cohort, long retained, Double rate, long open,
                                  Double resolutionDays, Double satisfaction, long listed) {
        assertThat(r.<Long>getAs("active_customers")).as("active").isEqualTo(active);
        assertThat(r.<Long>getAs("lost_customers")).as("lost").isEqualTo(lost);
        assertThat(r.<Long>getAs("retention_cohort")).as("cohort").isEqualTo(cohort);
        assertThat(r.<Long>getAs("retained_customers")).as("retained").isEqualTo(retained);
        assertThat(r.<Double>getAs("retention_rate")).as("retention rate").isEqualTo(rate);
        assertThat(r.<Long>getAs("open_complaints")).as("open complaints").isEqualTo(open);
        assertThat(r.<Double>getAs("mean_resolution_days")).as("resolution days").isEqualTo(resolutionDays);
        assertThat(r.<Double>getAs("satisfaction")).as("satisfaction").isEqualTo(satisfaction);
        assertThat(r.<Long>getAs("retention_list_size")).as("list size").isEqualTo(listed);
    }

    /** A row; strings that look like dates become dates, as the DDL of {@link #table} expects. */
    private static Row row(Object... values) {
        Object[] converted = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            converted[i] = values[i] instanceof String s && s.matches("\\d{4}-\\d{2}-\\d{2}") ? Date.valueOf(s) : values[i];
        }
        return RowFactory.create(converted);
    }

    private static Dataset<Row> table(String ddl, Row... rows) {
        return spark.createDataFrame(List.of(rows), StructType.fromDDL(ddl));
    }
}
