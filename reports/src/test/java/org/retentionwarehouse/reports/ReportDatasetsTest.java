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
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.retentionwarehouse.reports.kpi.StoreKpis;
import org.retentionwarehouse.reports.lists.CoolDown;
import org.retentionwarehouse.reports.lists.DoNotCall;
import org.retentionwarehouse.reports.lists.ListHeadings;
import org.retentionwarehouse.reports.lists.RetentionLists;
import org.retentionwarehouse.reports.quality.ScoreQuality;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.table.Tables;

/** The reports' Spark functions on tiny hand-made tables whose right answers are worked out by hand. */
class ReportDatasetsTest {

    static final LocalDate D = LocalDate.of(2026, 6, 30);
    static final RetentionSettings.Definitions DEFAULTS = new RetentionSettings.Definitions(24, 12, 12, 12);

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
        Dataset<Row> earlierToo = table("snapshot_date date, customer_key string",
                row("2026-06-01", "V"), row("2026-06-01", "W"), row("2026-06-01", "X"));
        Dataset<Row> interactions = table("customer_key string, interaction_type string, outcome string, interaction_date date",
                row("P", "care", "reached", "2026-06-05"),       // contacted after listing, 25 days ago: resting
                row("Q", "callback", "reached", "2026-05-20"),   // contacted before being listed: not a response to the list
                row("R", "care", "reached", "2026-04-02"),       // contacted after listing, but the cool-down has passed
                row("S", "care", "reached", "2026-06-29"),       // listed only tonight
                row("T", "survey", null, "2026-06-20"),          // surveyed the day the list came out
                row("U", "care", "reached", "2026-06-28"),       // never listed
                row("V", "complaint", null, "2026-06-25"),       // complained since: the follow-up must reach them
                row("W", "consultation", null, "2026-06-25"),    // asked something: no call from the store
                row("X", "callback", "no_answer", "2026-06-25")); // not reached: try again
        List<String> resting = CoolDown.customers(D, 30, earlier.union(earlierToo), interactions).collectAsList().stream()
                .map(r -> r.getString(0)).sorted().toList();
        assertThat(resting).containsExactly("P", "T");
    }

    @Test
    void aRefusalHoldsThoughItsRowWasQuarantinedUntilAReadableVersionReplacesIt() {
        Dataset<Row> customers = table("store_id string, source_id string, name string, phone string, opt_out boolean,"
                        + " blacklist boolean, batch_date date",
                row("S1", "c1", "王伟", "13800000001", false, false, "2026-06-01"),
                row("S1", "c2", "李娜", "13800000002", false, false, "2026-06-01"),
                row("S1", "c3", "张敏", "13800000003", false, false, "2026-06-29"),
                row("S1", "c4", "刘洋", "13800000004", true, false, "2026-06-01"),
                row("S1", "c5", "陈杰", "13800000005", false, false, "2026-06-01"),
                row("S1", "c6", "赵丽", "13800000006", false, false, "2026-06-01"));
        Dataset<Row> xref = table("store_id string, source_id string, customer_key string",
                row("S1", "c1", "K1"), row("S1", "c2", "K2"), row("S1", "c3", "K3"), row("S1", "c4", "K4"),
                row("S1", "c5", "K5"), row("S1", "c6", "K6"));
        Dataset<Row> quarantine = table("store_id string, entity string, batch_date date, refusal boolean, source_id string,"
                        + " phone string, name string",
                // c1's corrected row opts out but has a bad birth date: the loaded version is older.
                row("S1", "customer", "2026-06-20", true, "c1", "13800000001", "王伟"),
                // A new record, never loaded, refusing on c2's phone.
                row("S1", "customer", "2026-06-20", true, "c9", "13800000002", null),
                // c3 refused in a rejected row, then sent a readable version that does not.
                row("S1", "customer", "2026-06-20", true, "c3", "13800000003", "张敏"),
                // A rejected row without any refusal, and a rejected order.
                row("S1", "customer", "2026-06-20", null, "c5", "13800000005", "陈杰"),
                row("S1", "service_order", "2026-06-20", null, null, null, null));
        List<String> refused = DoNotCall.customers(customers, xref, quarantine).collectAsList().stream()
                .map(r -> r.getString(0)).sorted().toList();
        assertThat(refused).containsExactly("K1", "K2", "K4");
    }

    @Test
    void eachCustomerLandsOnOneListRankedAndCappedWithTheMostPressingActionAndItsDueDate() {
        String ddl = "customer_key string, home_store_id string, calling_capacity int, churn_probability double,"
                + " expected_value_12m double, value_at_risk double, loyalty_class string, lifecycle_class string, tier string,"
                + " repurchase_probability double, unresolved_complaints int, maintenance_overdue_days double,"
                + " days_to_insurance_renewal int, days_to_inspection int, days_to_birthday int, newest_vehicle_age_years double,"
                + " days_since_last_visit int";
        Dataset<Row> candidates = table(ddl,
                row("A", "S1", 2, 0.45, 2000.0, 900.0, "general", null, "regular", 0.9, 1, 40.0, 5, 5, 1, 3.0, 100),
                row("B", "S1", 2, 0.60, 1333.0, 800.0, "marginal", null, "regular", 0.1, 0, 10.0, 5, null, null, 3.0, 200),
                row("C", "S1", 2, 0.35, 2000.0, 700.0, "general", "A", "regular", 0.1, 0, -100.0, 20, 100, 100, 1.0, 150),
                row("H", "S1", 2, 0.30, 2000.0, 600.0, "general", "A", "regular", 0.1, 0, null, 200, null, 3, 1.0, 150),
                row("I", "S1", 2, 0.25, 2000.0, 500.0, "general", "A", "vip", null, 0, null, null, null, null, 1.0, 150),
                row("E", "S1", 2, 0.90, 1000.0, 900.0, "lost", null, "regular", 0.1, 0, 300.0, null, null, null, 5.0, 400),
                row("F", "S1", 2, 0.50, 400.0, 200.0, "lost", null, "regular", 0.1, 0, 300.0, null, null, null, 5.0, 380),
                row("G", "S1", 2, 0.10, 500.0, 50.0, "loyal", null, "regular", 0.6, 0, -200.0, null, null, null, 7.26, 30),
                row("K", "S1", 2, 0.10, 500.0, 40.0, "loyal", null, "regular", null, 0, -200.0, null, null, null, 9.0, 30),
                row("J", "S2", 5, 0.20, 500.0, 100.0, "general", null, "premier", null, 0, -90.0, 100, 100, 100, 2.0, 60),
                row("L", "S2", 5, 0.20, 400.0, 80.0, "general", null, "regular", null, 0, -90.0, 100, 100, 100, 2.0, 60))
                .withColumn("snapshot_date", functions.lit(Date.valueOf(D)))
                .withColumn("model_version", functions.lit("churn-test"))
                .withColumn("name", functions.concat(functions.lit("N"), functions.col("customer_key")))
                .withColumn("phone", functions.lit("13800000000"))
                .withColumn("vehicle", functions.lit("Brand Model 粤B12345"))
                .withColumn("reasons_zh", functions.lit("距上次到店时间较长"))
                .withColumn("reasons_en", functions.lit("long time since the last visit"));

        Map<String, Row> listed = new HashMap<>();
        List<Row> rows = RetentionLists.build(D, candidates, false).collectAsList();
        rows.forEach(r -> listed.put(r.getAs("customer_key"), r));
        assertThat(rows).hasSize(listed.size());
        // Retention in S1 is cut at two; C and H, new customers, go to nurturing (I is cut there); the lost
        // go to win-back, F first (it would bring back 200 against E's 100); G to repurchase. A is likely
        // to buy too but is called once, for retention. I and K have no repurchase score and are on no list.
        assertList(listed, "retention", "A", "B", "J", "L");
        assertList(listed, "nurture", "C", "H");
        assertList(listed, "win_back", "F", "E");
        assertList(listed, "repurchase", "G");
        assertThat(listed).doesNotContainKeys("I", "K");
        assertThat(rank(listed, "A")).isEqualTo(1);
        assertThat(rank(listed, "B")).isEqualTo(2);
        assertThat(rank(listed, "F")).isEqualTo(1);
        assertThat(rank(listed, "E")).isEqualTo(2);
        assertThat(rank(listed, "J")).isEqualTo(1);

        assertAction(listed.get("A"), "complaint_follow_up", "complaint follow-up", "phone", null);
        assertAction(listed.get("B"), "maintenance_reminder", "maintenance reminder", "phone", D.minusDays(10));
        assertThat(listed.get("B").<String>getAs("reason")).isEqualTo("maintenance overdue");
        assertAction(listed.get("C"), "insurance_renewal", "insurance renewal", "phone", D.plusDays(20));
        assertAction(listed.get("H"), "birthday_care", "birthday care", "wechat", D.plusDays(3));
        assertAction(listed.get("J"), "vip_visit", "VIP visit", "phone", null);
        assertAction(listed.get("L"), "care_call", "care call", "phone", null);
        assertAction(listed.get("F"), "win_back_offer", "win-back offer", "phone", null);
        assertThat(listed.get("F").<String>getAs("reason")).isEqualTo("no visit for 380 days");
        assertAction(listed.get("G"), "repurchase_offer", "trade-in or second-car offer", "phone", null);
        assertThat(listed.get("G").<String>getAs("reason")).isEqualTo("vehicle 7.3 years old");
        assertThat(listed.get("G").<String>getAs("reasons")).isNull();
        assertThat(listed.get("A").<String>getAs("reasons")).isEqualTo("long time since the last visit");
        assertThat(listed.get("A").<Date>getAs("last_visit_date")).isEqualTo(Date.valueOf(D.minusDays(100)));
        // The mart keeps the codes of customer_scores, whatever the language.
        assertThat(listed.get("C").<String>getAs("lifecycle_class")).isEqualTo("A");
        assertThat(listed.get("E").<String>getAs("loyalty_class")).isEqualTo("lost");
        assertThat(rows).allSatisfy(r -> assertThat(r.schema().fieldNames()).containsExactly(Tables.RETENTION_LIST.schema().fieldNames()));

        Map<String, Row> chinese = new HashMap<>();
        Dataset<Row> chineseList = RetentionLists.build(D, candidates, true);
        chineseList.collectAsList().forEach(r -> chinese.put(r.getAs("customer_key"), r));
        assertThat(chinese.get("B").<String>getAs("action")).isEqualTo("保养提醒");
        assertThat(chinese.get("B").<String>getAs("action_code")).isEqualTo("maintenance_reminder");
        chinese.forEach((customer, r) -> assertThat(r.<String>getAs("action_code")).as("action code of %s in Chinese", customer)
                .isEqualTo(listed.get(customer).getAs("action_code")));
        assertThat(chinese.get("H").<String>getAs("channel")).isEqualTo("wechat");
        assertThat(chinese.get("J").<String>getAs("tier")).isEqualTo("premier");
        assertThat(chinese.get("F").<String>getAs("reason")).isEqualTo("已380天未到店");
        // A store's file puts the codes into words.
        Map<String, Row> shown = new HashMap<>();
        chineseList.select(RetentionLists.displayed(ListHeadings.FILE_COLUMNS, true)).collectAsList()
                .forEach(r -> shown.put(r.getAs("customer_key"), r));
        assertThat(shown.get("H").<String>getAs("channel")).isEqualTo("微信");
        assertThat(shown.get("J").<String>getAs("tier")).isEqualTo("尊享");
        assertThat(shown.get("C").<String>getAs("lifecycle_class")).isEqualTo("A 新客培育");
        assertThat(shown.get("E").<String>getAs("loyalty_class")).isEqualTo("流失");
    }

    private static void assertList(Map<String, Row> listed, String type, String... customers) {
        for (String c : customers) {
            assertThat(listed).as("listed %s", c).containsKey(c);
            assertThat(listed.get(c).<String>getAs("list_type")).as("list of %s", c).isEqualTo(type);
        }
    }

    private static int rank(Map<String, Row> listed, String customer) {
        return listed.get(customer).getAs("rank");
    }

    private static void assertAction(Row r, String code, String action, String channel, LocalDate due) {
        assertThat(r.<String>getAs("action_code")).as("action code of %s", r.<String>getAs("customer_key")).isEqualTo(code);
        assertThat(r.<String>getAs("action")).as("action of %s", r.<String>getAs("customer_key")).isEqualTo(action);
        assertThat(r.<String>getAs("channel")).as("channel of %s", r.<String>getAs("customer_key")).isEqualTo(channel);
        assertThat(r.<Date>getAs("due_date")).as("due date of %s", r.<String>getAs("customer_key"))
                .isEqualTo(due == null ? null : Date.valueOf(due));
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
