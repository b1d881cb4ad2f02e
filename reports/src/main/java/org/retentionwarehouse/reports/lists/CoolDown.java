package org.retentionwarehouse.reports.lists;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Customers resting after a call: someone the store contacted (a call-back, care call or survey, as
 * the CRM reports it back, that did not go unanswered) on or after the day they appeared on a list is
 * not listed again until the cool-down has passed since that contact, so a store does not call the
 * same person every night. What the customer started (a complaint, a consultation) is no contact: a
 * customer who has just complained is the one the complaint follow-up must reach.
 */
public final class CoolDown {

    /** The interactions the store starts. */
    private static final List<String> OUTBOUND = List.of("callback", "care", "survey");

    private CoolDown() {
    }

    /**
     * @param earlierLists  {@code marts.retention_list} rows of nights before {@code date}
     * @param interactions  {@code core.fact_interaction}
     * @return the customer keys to leave off tonight's list, one column {@code customer_key}
     */
    public static Dataset<Row> customers(LocalDate date, int cooldownDays, Dataset<Row> earlierLists, Dataset<Row> interactions) {
        Dataset<Row> listed = earlierLists.filter(col("snapshot_date").lt(lit(Date.valueOf(date))))
                .select(col("customer_key"), col("snapshot_date").as("listed_on"));
        Dataset<Row> recentContacts = interactions
                .filter(col("customer_key").isNotNull()
                        .and(col("interaction_type").isin(OUTBOUND.toArray()))
                        .and(coalesce(col("outcome"), lit("")).notEqual(lit("no_answer")))
                        .and(col("interaction_date").leq(lit(Date.valueOf(date))))
                        .and(col("interaction_date").gt(lit(Date.valueOf(date.minusDays(cooldownDays))))))
                .select("customer_key", "interaction_date");
        return listed.join(recentContacts, "customer_key")
                .filter(col("interaction_date").geq(col("listed_on")))
                .select("customer_key").distinct();
    }
}
