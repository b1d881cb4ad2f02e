package org.retentionwarehouse.reports.quality;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The model-quality figures of the night report, from the scores themselves: churn probability by
 * score decile (the lift and calibration charts) and its distribution. Where scores of an earlier
 * snapshot have matured (the churn window since has passed), the deciles also carry the churn
 * rate actually observed, so the charts compare prediction with outcome; until then they show the
 * predicted side only.
 */
public final class ScoreQuality {

    /** Histogram bins of the churn probability. */
    public static final int BINS = 20;

    /** One score decile (1 = highest churn probability). {@code observedRate} is null without matured outcomes. */
    public record Decile(int decile, long customers, double meanPredicted, Double observedRate) { }

    /** One histogram bin [{@code from}, {@code from + 1/BINS}). */
    public record Bin(double from, long customers) { }

    /** The deciles of one snapshot's scores; {@code snapshot} tells which one (tonight's, or a matured one). */
    public record Deciles(LocalDate snapshot, boolean observed, List<Decile> deciles) { }

    private ScoreQuality() {
    }

    /**
     * Deciles of the newest scores that have matured by {@code date}, with their observed churn, or
     * of tonight's scores (predicted only) when none have.
     *
     * @param allScores     {@code marts.customer_scores}, every snapshot
     * @param serviceOrders {@code core.fact_service_order}
     * @param sales         {@code core.fact_sale}
     */
    public static Deciles deciles(LocalDate date, int churnMonths, Dataset<Row> allScores, Dataset<Row> serviceOrders,
                                  Dataset<Row> sales) {
        LocalDate maturedBy = date.minusMonths(churnMonths);
        Row newestMatured = allScores.filter(col("snapshot_date").leq(lit(Date.valueOf(maturedBy))))
                .agg(max("snapshot_date")).first();
        if (newestMatured.isNullAt(0)) {
            Dataset<Row> tonight = allScores.filter(col("snapshot_date").equalTo(lit(Date.valueOf(date))))
                    .withColumn("churned", lit(null).cast("double"));
            return new Deciles(date, false, decileRows(tonight));
        }
        LocalDate snapshot = newestMatured.getDate(0).toLocalDate();
        Column from = lit(Date.valueOf(snapshot));
        Column to = lit(Date.valueOf(snapshot.plusMonths(churnMonths)));
        Dataset<Row> returned = serviceOrders.select(col("customer_key"), col("open_date").as("d"))
                .unionByName(sales.select(col("customer_key"), col("order_date").as("d")))
                .filter(col("d").gt(from).and(col("d").leq(to)))
                .select("customer_key").distinct().withColumn("returned", lit(true));
        Dataset<Row> labelled = allScores.filter(col("snapshot_date").equalTo(from))
                .join(returned, new String[] {"customer_key"}, "left")
                .withColumn("churned", when(col("returned").isNull(), 1.0).otherwise(0.0));
        return new Deciles(snapshot, true, decileRows(labelled));
    }

    /** Tonight's churn probabilities in {@link #BINS} equal-width bins, empty bins included. */
    public static List<Bin> histogram(Dataset<Row> scores) {
        long[] counts = new long[BINS];
        for (Row r : scores.groupBy(least(floor(col("churn_probability").multiply(BINS)), lit(BINS - 1)).cast("int").as("bin"))
                .agg(count(lit(1))).collectAsList()) {
            counts[r.getInt(0)] = r.getLong(1);
        }
        return java.util.stream.IntStream.range(0, BINS).mapToObj(i -> new Bin((double) i / BINS, counts[i])).toList();
    }

    private static List<Decile> decileRows(Dataset<Row> scores) {
        // Decile cut points from approximate quantiles: no single-partition sort of every score, and
        // customers with equal scores always share a decile.
        double[] probabilities = java.util.stream.IntStream.rangeClosed(1, 9).mapToDouble(i -> i / 10.0).toArray();
        double[] cuts = scores.stat().approxQuantile("churn_probability", probabilities, 1e-4);
        Column above = lit(0);
        for (double cut : cuts) {
            above = above.plus(when(col("churn_probability").gt(cut), 1).otherwise(0));
        }
        return scores.withColumn("decile", lit(10).minus(above)).groupBy("decile")
                .agg(count(lit(1)), avg("churn_probability"), avg("churned"))
                .orderBy("decile").collectAsList().stream()
                .map(r -> new Decile(r.getInt(0), r.getLong(1), r.getDouble(2), r.isNullAt(3) ? null : r.getDouble(3)))
                .toList();
    }
}
