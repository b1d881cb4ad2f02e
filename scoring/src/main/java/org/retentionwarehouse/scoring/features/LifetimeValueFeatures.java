package org.retentionwarehouse.scoring.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.retentionwarehouse.scoring.clv.BgNbdModel;
import org.retentionwarehouse.scoring.clv.CustomerLifetimeValue;
import org.retentionwarehouse.scoring.clv.CustomerRfm;
import org.retentionwarehouse.scoring.clv.GammaGammaModel;
import org.retentionwarehouse.warehouse.spark.DriverRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BG/NBD and Gamma-Gamma fitted to the workshop visits up to T (in weeks, visit days as
 * transactions, the day's invoices as its spend): per customer the probability of still being
 * alive, the expected visits and the expected service value of the next 52 weeks. The models are
 * refitted at every snapshot from that snapshot's data alone, so the figures are point-in-time.
 */
final class LifetimeValueFeatures {

    private static final Logger LOG = LoggerFactory.getLogger(LifetimeValueFeatures.class);
    private static final double HORIZON_WEEKS = 52;
    private static final double DAYS_PER_WEEK = 7;
    /**
     * L2 penalty on the log-parameters of both fits. A store group's first months, or a small group,
     * leave a flat ridge (a, b or q, γ growing without end) on which the plain fit never stops, so
     * P(alive) came and went from one night to the next; this gives the ridge a bottom and moves a
     * well-posed fit's parameters by well under 0.1%.
     */
    private static final double PENALTY = 1e-6;

    static final StructType SCHEMA = new StructType()
            .add("customer_key", DataTypes.StringType, false)
            .add("snapshot_date", DataTypes.DateType, false)
            .add("p_alive", DataTypes.DoubleType, true)
            .add("expected_visits_12m", DataTypes.DoubleType, true)
            .add("clv_12m", DataTypes.DoubleType, true);

    private LifetimeValueFeatures() {
    }

    /**
     * The three figures of every customer with a visit in {@code visits}, per snapshot: the visits
     * come already paired with each {@code snapshot_date} on or after them, and each snapshot gets
     * its own fit.
     */
    static Dataset<Row> of(Dataset<Row> visits) {
        // Summed exactly, in whole cents, and fitted in key order (sorted on the driver: a sort in Spark
        // costs a shuffle more): sums of doubles in partition order made the fit differ from run to run,
        // and near a flat optimum converge in one run and not in the next. Cents as longs, not decimals:
        // a sum of decimals widens past 18 digits, where Spark aggregates objects instead of numbers.
        Dataset<Row> days = visits.groupBy("customer_key", "snapshot_date", "event_date")
                .agg(sum(round(col("amount").multiply(100)).cast("long")).as("day_cents"));
        List<Row> summaries = days.groupBy("customer_key", "snapshot_date").agg(
                        count(lit(1)).as("days"), min("event_date").as("first"), max("event_date").as("last"),
                        sum("day_cents").as("cents"), min_by(col("day_cents"), col("event_date")).as("first_cents"))
                .select(col("customer_key"), col("snapshot_date"), col("days"), datediff(col("last"), col("first")).as("span"),
                        datediff(col("snapshot_date"), col("first")).as("age"), col("cents").divide(100.0).as("total"),
                        col("first_cents").divide(100.0).as("first_total"))
                .collectAsList();
        List<Row> out = new ArrayList<>(summaries.size());
        summaries.stream().collect(Collectors.groupingBy(r -> r.<Date>getAs("snapshot_date"), TreeMap::new, Collectors.toList()))
                .forEach((snapshot, customers) -> fit(customers.stream().sorted(Comparator.comparing((Row r) -> r.getString(0)))
                        .toList(), snapshot, out));
        return DriverRows.frame(visits.sparkSession(), out, SCHEMA);
    }

    /** Fits both models to one snapshot's customers and adds their figures to {@code out}. */
    private static void fit(List<Row> summaries, Date snapshot, List<Row> out) {
        List<CustomerRfm> customers = new ArrayList<>(summaries.size());
        for (Row r : summaries) {
            int repeats = (int) (r.<Long>getAs("days") - 1);
            double mean = repeats == 0 ? Double.NaN
                    : (r.<Double>getAs("total") - r.<Double>getAs("first_total")) / repeats;
            customers.add(new CustomerRfm(r.getAs("customer_key"), repeats,
                    repeats == 0 ? 0 : r.<Integer>getAs("span") / DAYS_PER_WEEK, r.<Integer>getAs("age") / DAYS_PER_WEEK, mean));
        }
        try {
            BgNbdModel visitsModel = BgNbdModel.fit(customers, PENALTY);
            GammaGammaModel spend = GammaGammaModel.fit(customers, PENALTY);
            CustomerLifetimeValue value = new CustomerLifetimeValue(visitsModel, spend);
            for (CustomerRfm c : customers) {
                out.add(RowFactory.create(c.customerId(), snapshot, visitsModel.probabilityAlive(c),
                        visitsModel.conditionalExpectedTransactions(HORIZON_WEEKS, c), value.value(c, HORIZON_WEEKS)));
            }
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            // Too little or degenerate history (a new group, one store's first month): the figures stay
            // empty and the night goes on; the churn model sees them as missing.
            LOG.warn("BG/NBD / Gamma-Gamma cannot be fitted to the visits up to {} ({} customers): {}", snapshot, customers.size(),
                    e.getMessage());
            for (CustomerRfm c : customers) {
                out.add(RowFactory.create(c.customerId(), snapshot, null, null, null));
            }
        }
    }
}
