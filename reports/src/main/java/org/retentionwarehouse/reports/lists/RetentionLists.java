package org.retentionwarehouse.reports.lists;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The per-store retention call list: active customers scored tonight, the excluded ones (opted-out,
 * blacklisted, resting after a recent call) removed, ranked by value at risk and cut at the store's
 * daily calling capacity, each with the main reason and the recommended action.
 */
public final class RetentionLists {

    private RetentionLists() {
    }

    /**
     * @param scores    tonight's {@code marts.customer_scores}
     * @param features  tonight's {@code marts.customer_features}
     * @param customers {@code core.dim_customer}
     * @param excluded  customer keys not to list tonight ({@link DoNotCall}, {@link CoolDown})
     * @param stores    {@code core.dim_store}
     */
    public static Dataset<Row> build(LocalDate date, Dataset<Row> scores, Dataset<Row> features, Dataset<Row> customers,
                                     Dataset<Row> excluded, Dataset<Row> stores, int lostMonths, boolean chinese) {
        // Customers already lost belong on the win-back list, not on the retention list.
        long lostAfterDays = java.time.temporal.ChronoUnit.DAYS.between(date.minusMonths(lostMonths), date);
        Dataset<Row> callable = customers.select("customer_key", "name", "phone").join(excluded, "customer_key", "left_anti");
        Dataset<Row> candidates = scores.join(callable, "customer_key")
                .join(features.select("customer_key", "days_since_last_visit", "unresolved_complaints", "overdue_ratio")
                        .filter(col("days_since_last_visit").lt(lostAfterDays)), "customer_key")
                .join(stores.select(col("store_id").as("home_store_id"), col("calling_capacity")), "home_store_id");
        Column rank = row_number().over(Window.partitionBy("home_store_id")
                .orderBy(col("value_at_risk").desc(), col("churn_probability").desc(), col("customer_key")));
        Column complaint = col("unresolved_complaints").gt(0);
        Column overdue = col("overdue_ratio").gt(1.2);
        return candidates.withColumn("rank", rank)
                .filter(col("rank").leq(col("calling_capacity")))
                .select(lit(Date.valueOf(date)).as("snapshot_date"),
                        col("home_store_id").as("store_id"),
                        col("rank"),
                        col("customer_key"), col("name"), col("phone"),
                        round(col("churn_probability"), 4).as("churn_probability"),
                        round(col("value_at_risk"), 2).as("value_at_risk"), col("days_since_last_visit"),
                        when(complaint, text(chinese, "未解决的投诉", "unresolved complaint"))
                                .when(overdue, text(chinese, "保养已逾期", "maintenance overdue"))
                                .otherwise(text(chinese, "到店频次下降", "visits falling off")).as("reason"),
                        when(complaint, text(chinese, "投诉回访", "complaint follow-up"))
                                .when(overdue, text(chinese, "保养提醒", "maintenance reminder"))
                                .otherwise(text(chinese, "关怀回访", "care call")).as("action"),
                        col("model_version"));
    }

    private static Column text(boolean chinese, String zh, String en) {
        return lit(chinese ? zh : en);
    }
}
