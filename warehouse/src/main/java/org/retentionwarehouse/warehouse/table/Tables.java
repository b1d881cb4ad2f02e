package org.retentionwarehouse.warehouse.table;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Every warehouse table's contract, in one place so that writers and readers (and BI users, via
 * the README) agree. Namespaces: {@code staging} (rows as delivered, with lineage),
 * {@code core} (the integrated star schema) and {@code marts} (features, scores, lists).
 */
public final class Tables {

    private static final DataType MONEY = DataTypes.createDecimalType(14, 2);

    /** Lineage columns every staging row carries: where and when it was delivered. */
    public static final List<StructField> LINEAGE = List.of(
            field("batch_date", DateType, false),
            field("source_file", StringType, false),
            field("source_line", IntegerType, false));

    private static final Map<SourceEntity, WarehouseTable> STAGING = new EnumMap<>(SourceEntity.class);

    static {
        for (SourceEntity entity : SourceEntity.values()) {
            List<StructField> fields = new ArrayList<>();
            fields.add(field("store_id", StringType, false));
            for (SourceField f : entity.fields()) {
                fields.add(field(stagingColumn(f), f.type().sparkType(), !f.required()));
            }
            fields.addAll(LINEAGE);
            List<String> key = new ArrayList<>();
            key.add("store_id");
            key.addAll(entity.naturalKey());
            STAGING.put(entity, new WarehouseTable("staging", entity.key(), new StructType(fields.toArray(StructField[]::new)),
                    List.of("store_id"), key, "batch_date", "Canonical " + entity.key() + " rows as delivered, latest version per natural key"));
        }
    }

    /**
     * Every version of every customer record, one row per delivery night: what the SCD2 golden record's
     * history is derived from, so that history does not depend on the order nights were loaded in.
     */
    public static final WarehouseTable CUSTOMER_HISTORY = new WarehouseTable("staging", "customer_history",
            STAGING.get(SourceEntity.CUSTOMER).schema(), List.of("store_id"), List.of("store_id", "source_id", "batch_date"),
            null, "Every delivered version of each customer record, by delivery night");

    public static final WarehouseTable QUARANTINE = table("staging", "quarantine",
            List.of("store_id"), List.of("store_id", "source_file", "source_line", "source_record", "entity"),
            "Rejected source rows with the reason; never silently dropped",
            field("store_id", StringType, false),
            field("entity", StringType, false),
            field("batch_date", DateType, false),
            field("source_file", StringType, false),
            field("source_line", IntegerType, false),
            field("source_record", IntegerType, false),
            field("reason", StringType, false),
            field("message", StringType, false),
            field("raw_text", StringType, true),
            // A rejected customer row that says yes to opt_out or blacklist, or whose value cannot be read,
            // still keeps its customer off the call lists: what of it could be read, for DoNotCall.
            field("refusal", BooleanType, true),
            field("source_id", StringType, true),
            field("phone", StringType, true),
            field("name", StringType, true));

    public static final WarehouseTable DIM_STORE = table("core", "dim_store", List.of(), List.of("store_id"),
            "The group's stores",
            field("store_id", StringType, false),
            field("store_name", StringType, true),
            field("city", StringType, true),
            field("brand", StringType, true),
            field("calling_capacity", IntegerType, false),
            field("dialect", StringType, false));

    public static final WarehouseTable CUSTOMER_XREF = table("core", "customer_xref", List.of(),
            List.of("store_id", "source_id"),
            "Every source customer record linked to its customer_key, with the rule and score of the link",
            field("store_id", StringType, false),
            field("source_id", StringType, false),
            field("customer_key", StringType, false),
            field("match_rule", StringType, false),
            field("match_score", DoubleType, false),
            field("first_seen_date", DateType, false));

    /**
     * The golden record per customer as SCD type 2: one row per version, {@code valid_from} inclusive,
     * {@code valid_to} exclusive (null while current). Read {@code is_current} rows for today's view.
     */
    public static final WarehouseTable DIM_CUSTOMER = table("core", "dim_customer", List.of(), List.of("customer_key", "valid_from"),
            "Golden record per customer, SCD type 2 (valid_from inclusive, valid_to exclusive, null while current)",
            field("customer_key", StringType, false),
            field("valid_from", DateType, false),
            field("valid_to", DateType, true),
            field("is_current", BooleanType, false),
            field("name", StringType, true),
            field("phone", StringType, true),
            field("id_hash", StringType, true),
            field("gender", StringType, true),
            field("birth_date", DateType, true),
            field("customer_type", StringType, true),
            field("company_name", StringType, true),
            field("tier", StringType, true),
            field("opt_out", BooleanType, false),
            field("blacklist", BooleanType, false),
            field("city", StringType, true),
            field("home_store_id", StringType, true),
            field("source_records", IntegerType, false),
            field("first_seen_date", DateType, false));

    /** Customer keys retired because new evidence showed their records belong to an older customer. */
    public static final WarehouseTable CUSTOMER_MERGE = table("core", "customer_merge", List.of(), List.of("retired_key"),
            "Customer keys merged into another customer: the retired key, the surviving key and the night",
            field("retired_key", StringType, false),
            field("customer_key", StringType, true),
            field("business_date", DateType, false));

    public static final WarehouseTable DIM_VEHICLE = table("core", "dim_vehicle", List.of(), List.of("vin"),
            "Vehicles by VIN with their current owner",
            field("vin", StringType, false),
            field("customer_key", StringType, true),
            field("plate", StringType, true),
            field("brand", StringType, true),
            field("model", StringType, true),
            field("model_year", IntegerType, true),
            field("purchase_date", DateType, true),
            field("insurance_expiry", DateType, true),
            field("inspection_due", DateType, true));

    public static final WarehouseTable FACT_SALE = table("core", "fact_sale", List.of("store_id"),
            List.of("store_id", "order_id"), "Vehicle sales",
            field("store_id", StringType, false),
            field("order_id", StringType, false),
            field("customer_key", StringType, true),
            field("vin", StringType, false),
            field("order_date", DateType, false),
            field("amount", MONEY, false),
            field("sale_type", StringType, false));

    public static final WarehouseTable FACT_SERVICE_ORDER = table("core", "fact_service_order", List.of("store_id"),
            List.of("store_id", "order_id"), "After-sales repair orders",
            field("store_id", StringType, false),
            field("order_id", StringType, false),
            field("customer_key", StringType, true),
            field("vin", StringType, false),
            field("open_date", DateType, false),
            field("close_date", DateType, true),
            field("mileage", IntegerType, true),
            field("service_type", StringType, false),
            field("amount", MONEY, false));

    public static final WarehouseTable FACT_SERVICE_LINE = table("core", "fact_service_line", List.of("store_id"),
            List.of("store_id", "order_id", "line_no"), "Repair order lines (parts and labour)",
            field("store_id", StringType, false),
            field("order_id", StringType, false),
            field("line_no", IntegerType, false),
            field("line_type", StringType, false),
            field("item_code", StringType, true),
            field("description", StringType, true),
            field("quantity", MONEY, true),
            field("amount", MONEY, false),
            field("technician", StringType, true));

    public static final WarehouseTable FACT_INTERACTION = table("core", "fact_interaction", List.of("store_id"),
            List.of("store_id", "interaction_id"), "Customer-care interactions",
            field("store_id", StringType, false),
            field("interaction_id", StringType, false),
            field("customer_key", StringType, true),
            field("interaction_type", StringType, false),
            field("interaction_date", DateType, false),
            field("channel", StringType, true),
            field("category", StringType, true),
            field("resolved_date", DateType, true),
            field("score", IntegerType, true),
            field("outcome", StringType, true),
            field("related_order_id", StringType, true));

    public static final WarehouseTable FACT_LEAD = table("core", "fact_lead", List.of("store_id"),
            List.of("store_id", "lead_id"), "Showroom prospects",
            field("store_id", StringType, false),
            field("lead_id", StringType, false),
            field("name", StringType, true),
            field("phone", StringType, true),
            field("visit_date", DateType, false),
            field("interested_model", StringType, true),
            field("channel", StringType, true));

    public static final WarehouseTable CUSTOMER_FEATURES = table("marts", "customer_features", List.of("snapshot_date"),
            List.of("snapshot_date", "customer_key"), "Point-in-time customer features by snapshot date",
            field("snapshot_date", DateType, false),
            field("customer_key", StringType, false),
            field("home_store_id", StringType, true),
            field("days_since_last_visit", IntegerType, false),
            field("service_visits_12m", IntegerType, false),
            field("service_visits_24m", IntegerType, false),
            field("service_spend_24m", DoubleType, false),
            field("purchases_24m", IntegerType, false),
            field("sales_spend_24m", DoubleType, false),
            field("mean_visit_interval_days", DoubleType, true),
            field("visit_interval_cv", DoubleType, true),
            field("overdue_ratio", DoubleType, true),
            field("complaints_24m", IntegerType, false),
            field("unresolved_complaints", IntegerType, false),
            field("mean_survey_score", DoubleType, true),
            field("vehicles", IntegerType, false),
            field("tenure_days", IntegerType, false),
            field("days_since_last_service", IntegerType, true),
            field("maintenance_visits_24m", IntegerType, false),
            field("repair_visits_24m", IntegerType, false),
            field("maintenance_delay_days", DoubleType, true),
            field("km_per_day", DoubleType, true),
            field("estimated_mileage_km", DoubleType, true),
            field("maintenance_overdue_days", DoubleType, true),
            field("newest_vehicle_age_years", DoubleType, true),
            field("in_warranty", IntegerType, false),
            field("stores_visited_24m", IntegerType, false),
            field("consultations_12m", IntegerType, false),
            field("days_since_last_contact", IntegerType, true),
            field("callback_refusal_rate", DoubleType, true),
            field("last_survey_score", DoubleType, true),
            field("quick_resolved_complaints_24m", IntegerType, false),
            field("mean_resolution_days_24m", DoubleType, true),
            field("oldest_open_complaint_days", IntegerType, true),
            field("maintenance_on_time_share", DoubleType, false),
            field("prompt_maintenance_delay_days", DoubleType, true),
            field("late_maintenance_days", DoubleType, true),
            field("survey_score_vs_store", DoubleType, true),
            field("days_since_alive_evidence", IntegerType, false),
            field("inspection_visits_24m", IntegerType, false),
            field("p_alive", DoubleType, true),
            field("expected_visits_12m", DoubleType, true),
            field("p_no_visit_12m", DoubleType, true),
            field("clv_12m", DoubleType, true),
            field("commercial", IntegerType, false),
            field("days_to_insurance_renewal", IntegerType, true),
            field("days_to_inspection", IntegerType, true),
            field("days_to_birthday", IntegerType, true));

    public static final WarehouseTable CUSTOMER_SCORES = table("marts", "customer_scores", List.of("snapshot_date"),
            List.of("snapshot_date", "customer_key"), "Churn and repurchase scores of every active customer by snapshot date",
            field("snapshot_date", DateType, false),
            field("customer_key", StringType, false),
            field("home_store_id", StringType, true),
            field("churn_probability", DoubleType, false),
            field("expected_value_12m", DoubleType, false),
            field("value_at_risk", DoubleType, false),
            field("model_version", StringType, false),
            field("p_alive", DoubleType, true),
            field("expected_visits_12m", DoubleType, true),
            field("loyalty_class", StringType, false),
            field("lifecycle_class", StringType, true),
            field("tier", StringType, true),
            field("customer_segment", StringType, true),
            field("value_risk_quadrant", StringType, false),
            field("reason_codes", StringType, false),
            field("reasons_zh", StringType, false),
            field("reasons_en", StringType, false),
            field("repurchase_probability", DoubleType, true),
            field("repurchase_model_version", StringType, true),
            field("value_source", StringType, true));

    /**
     * Tonight's call lists per store (retention, win-back, nurturing, repurchase: {@code list_type}),
     * ranked and capped; the reason, action and reasons in the configured language, the classes, tier
     * and channel as codes (the stores' files show them in words).
     */
    public static final WarehouseTable RETENTION_LIST = table("marts", "retention_list", List.of("snapshot_date"),
            List.of("snapshot_date", "list_type", "store_id", "customer_key"), "Per-store ranked call lists by snapshot date",
            field("snapshot_date", DateType, false),
            field("store_id", StringType, false),
            field("rank", IntegerType, false),
            field("customer_key", StringType, false),
            field("name", StringType, true),
            field("phone", StringType, true),
            field("churn_probability", DoubleType, false),
            field("value_at_risk", DoubleType, false),
            field("days_since_last_visit", IntegerType, false),
            field("reason", StringType, false),
            field("action", StringType, false),
            field("model_version", StringType, false),
            field("list_type", StringType, false),
            field("vehicle", StringType, true),
            field("last_visit_date", DateType, false),
            field("expected_value_12m", DoubleType, false),
            field("repurchase_probability", DoubleType, true),
            field("loyalty_class", StringType, false),
            field("lifecycle_class", StringType, true),
            field("tier", StringType, true),
            field("reasons", StringType, true),
            field("channel", StringType, false),
            field("due_date", DateType, true),
            field("action_code", StringType, true));

    /**
     * Every trained model: {@code target} is what it predicts ({@code churn}, {@code repurchase});
     * {@code status} whether it became the champion or was rejected as a challenger,
     * {@code champion_auc} the AUC of the champion it challenged on the same holdout,
     * {@code champion_backtest_auc} that of the champion's recipe backtested at the same origins
     * (null when it was the challenger's recipe), and
     * {@code trigger} why it was trained ({@code first_model}, {@code scheduled}, {@code recipe_changed},
     * {@code feature_drift}, {@code score_drift}).
     */
    public static final WarehouseTable MODEL_REGISTRY = table("marts", "model_registry", List.of(),
            List.of("model_version"), "Every trained model (churn, repurchase) with its metrics",
            field("model_version", StringType, false),
            field("trained_for_date", DateType, false),
            field("training_cutoff", DateType, false),
            field("training_rows", LongType, false),
            field("algorithm", StringType, false),
            field("auc", DoubleType, true),
            field("baseline_auc", DoubleType, true),
            field("path", StringType, false),
            field("pr_auc", DoubleType, true),
            field("top_decile_lift", DoubleType, true),
            field("brier", DoubleType, true),
            field("baseline_pr_auc", DoubleType, true),
            field("baseline_top_decile_lift", DoubleType, true),
            field("baseline_brier", DoubleType, true),
            field("calibration", StringType, true),
            field("target", StringType, true),
            field("status", StringType, true),
            field("champion_auc", DoubleType, true),
            field("trigger", StringType, true),
            field("backtest_origins", StringType, true),
            field("backtest_rows", LongType, true),
            field("backtest_auc", DoubleType, true),
            field("backtest_pr_auc", DoubleType, true),
            field("backtest_top_decile_lift", DoubleType, true),
            field("backtest_brier", DoubleType, true),
            field("backtest_baseline_auc", DoubleType, true),
            field("backtest_bgnbd_auc", DoubleType, true),
            field("backtest_calibration", StringType, true),
            field("champion_backtest_auc", DoubleType, true));

    /**
     * Daily KPIs per store and for the whole group ({@code store_id} {@value #GROUP}), one row per
     * store per snapshot date. A customer belongs to the store of their latest service visit or
     * purchase; complaints and surveys to the store that recorded them. {@code retention_cohort} are
     * the customers active one churn window ago, {@code retained_customers} those of them who came back since.
     */
    public static final WarehouseTable KPI_STORE_DAILY = table("marts", "kpi_store_daily", List.of("snapshot_date"),
            List.of("snapshot_date", "store_id"), "Daily KPIs per store and for the group by snapshot date",
            field("snapshot_date", DateType, false),
            field("store_id", StringType, false),
            field("active_customers", LongType, false),
            field("retention_cohort", LongType, false),
            field("retained_customers", LongType, false),
            field("retention_rate", DoubleType, true),
            field("churn_rate", DoubleType, true),
            field("lost_customers", LongType, false),
            field("open_complaints", LongType, false),
            field("mean_resolution_days", DoubleType, true),
            field("satisfaction", DoubleType, true),
            field("retention_list_size", LongType, false),
            field("model_version", StringType, true),
            field("model_auc", DoubleType, true));

    /**
     * The night's counts, one row per step, metric, store and entity: rows read, loaded and
     * quarantined per store and entity, and the identity resolution's statistics. What the nightly
     * quality report shows, kept as history for BI; figures only, so a re-run writes the same rows.
     */
    public static final WarehouseTable RUN_LOG = table("marts", "run_log", List.of(),
            List.of("business_date", "step", "metric", "store_id", "entity"), "Per-night row counts and match statistics",
            field("business_date", DateType, false),
            field("step", StringType, false),
            field("metric", StringType, false),
            field("store_id", StringType, false),
            field("entity", StringType, false),
            field("value", LongType, false));

    /** {@link #RUN_LOG} step of the rows read, loaded and quarantined per store and entity. */
    public static final String RUN_LOG_INGEST = "ingest";
    /** {@link #RUN_LOG} step of the identity-resolution figures (store {@link #GROUP}). */
    public static final String RUN_LOG_IDENTITY = "identity";
    /** {@link #RUN_LOG} step of the mark that a night is whole ({@link PublishedNights}). */
    public static final String RUN_LOG_NIGHT = "night";
    /** {@link #RUN_LOG} metric of the mark that a night's tables and outputs are all published (value 1, store {@link #GROUP}). */
    public static final String RUN_LOG_PUBLISHED = "published";
    /** {@link #RUN_LOG} ingest metrics per store and entity, in this order: read = loaded + quarantined. */
    public static final List<String> RUN_LOG_ROW_COUNTS = List.of("rows_read", "rows_loaded", "rows_quarantined");
    /** {@link #RUN_LOG} metric prefix of the rows quarantined for one reason, e.g. {@code quarantined_bad_vin}. */
    public static final String RUN_LOG_QUARANTINED = "quarantined_";
    /**
     * {@link #RUN_LOG} ingest metric of a store's repair orders loaded tonight for a VIN no vehicle
     * record describes yet (entity {@code service_order}); a referential warning, not a rejection.
     */
    public static final String RUN_LOG_UNKNOWN_VEHICLE = "unknown_vehicle";
    /**
     * {@link #RUN_LOG} ingest metric of a store's sales, repair orders or interactions loaded tonight
     * whose customer record is not loaded (quarantined, or in a file still to come), so they have no
     * {@code customer_key} until it is; a referential warning, not a rejection.
     */
    public static final String RUN_LOG_UNKNOWN_CUSTOMER = "unknown_customer";
    /** {@link #RUN_LOG} ingest metric (value 1, entity {@code all}) of a store that delivered no folder tonight. */
    public static final String RUN_LOG_NO_DELIVERY = "no_delivery";
    /** {@link #RUN_LOG} ingest metric (entity {@code all}) of a store's files tonight that match no pattern of its dialect. */
    public static final String RUN_LOG_UNMATCHED_FILES = "unmatched_files";

    /** The {@code store_id} of the group-level row of a per-store table. */
    public static final String GROUP = "GROUP";

    private Tables() {
    }

    /** The staging table of a source entity. */
    public static WarehouseTable staging(SourceEntity entity) {
        return STAGING.get(entity);
    }

    /** The staging column a canonical field is stored in: ID numbers only ever as a keyed hash. */
    public static String stagingColumn(SourceField field) {
        return field.type() == FieldType.ID_NUMBER ? "id_hash" : field.name();
    }

    /** Every table, staging first, in creation order. */
    public static List<WarehouseTable> all() {
        List<WarehouseTable> all = new ArrayList<>(STAGING.values());
        all.addAll(List.of(CUSTOMER_HISTORY, QUARANTINE, DIM_STORE, CUSTOMER_XREF, DIM_CUSTOMER, CUSTOMER_MERGE, DIM_VEHICLE, FACT_SALE,
                FACT_SERVICE_ORDER, FACT_SERVICE_LINE, FACT_INTERACTION, FACT_LEAD, CUSTOMER_FEATURES,
                CUSTOMER_SCORES, RETENTION_LIST, MODEL_REGISTRY));
        all.add(KPI_STORE_DAILY);
        all.add(RUN_LOG);
        return all;
    }

    private static WarehouseTable table(String namespace, String name, List<String> partitionBy, List<String> key,
                                        String comment, StructField... fields) {
        return new WarehouseTable(namespace, name, new StructType(fields), partitionBy, key, null, comment);
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
