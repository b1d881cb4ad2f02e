package org.retentionwarehouse.scoring.features;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.retentionwarehouse.scoring.clv.BgNbdModel;
import org.retentionwarehouse.scoring.clv.CustomerLifetimeValue;
import org.retentionwarehouse.scoring.clv.CustomerRfm;
import org.retentionwarehouse.scoring.clv.GammaGammaModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BG/NBD and Gamma-Gamma fitted to the workshop visits up to T (in weeks, visit days as
 * transactions, the day's invoices as its spend): per customer the probability of still being
 * alive, the expected visits, the probability of no visit and the expected service value of the
 * next 52 weeks. The models are
 * refitted at every snapshot to every customer with a visit by then, active or not (in a group of
 * more than {@link #MAX_FIT_CUSTOMERS}, to an even sample of them), so the figures are point-in-time.
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
    /**
     * The customers a snapshot's models are fitted to, at most: four or five parameters of a whole
     * population are as well determined by 200,000 customers as by a million (their standard errors
     * shrink with the square root), and a fit to a million took most of 8 s of a night on the driver
     * while the executors waited.
     */
    static final int MAX_FIT_CUSTOMERS = 200_000;

    /** Both models of one snapshot. */
    record Fitted(BgNbdModel visits, GammaGammaModel spend) implements Serializable {

        /**
         * P(alive), the expected visits, P(no visit) and the expected service value of the next 52 weeks, or null
         * when a customer's figures cannot be computed (a series that does not converge): that customer's
         * figures stay empty, as a whole snapshot's do when the fit fails, and the night goes on.
         */
        double[] figures(CustomerRfm customer) {
            try {
                double expected = visits.conditionalExpectedTransactions(HORIZON_WEEKS, customer);
                return new double[] {visits.probabilityAlive(customer), expected, visits.probabilityNoTransactions(HORIZON_WEEKS, customer),
                        new CustomerLifetimeValue(visits, spend).valueOfPurchases(customer, expected)};
            } catch (IllegalArgumentException | ArithmeticException e) {
                LOG.warn("BG/NBD / Gamma-Gamma figures of customer {} cannot be computed: {}", customer.customerId(), e.getMessage());
                return null;
            }
        }
    }

    private LifetimeValueFeatures() {
    }

    /**
     * The models of each snapshot in {@code visits} (rows of snapshot date and {@link CustomerHistory.Visits},
     * in that order), fitted in a fixed order of the summaries whatever order the rows came in: sums of
     * doubles in another order differ in the last bit, and near a flat optimum one run converged and the
     * next did not. A snapshot whose history cannot be fitted is left out.
     */
    static Map<LocalDate, Fitted> fit(List<Row> visits) {
        Map<LocalDate, Fitted> fitted = new HashMap<>();
        visits.stream().collect(Collectors.groupingBy(r -> r.getDate(0).toLocalDate(), TreeMap::new, Collectors.toList()))
                .forEach((snapshot, rows) -> {
                    List<CustomerRfm> customers = rows.stream().map(LifetimeValueFeatures::summary)
                            .sorted(Comparator.comparingInt(CustomerRfm::frequency).thenComparingDouble(CustomerRfm::recency)
                                    .thenComparingDouble(CustomerRfm::age).thenComparingDouble(CustomerRfm::monetaryValue))
                            .collect(Collectors.toCollection(ArrayList::new));
                    List<CustomerRfm> sample = everyKth(customers, MAX_FIT_CUSTOMERS);
                    try {
                        fitted.put(snapshot, new Fitted(BgNbdModel.fit(sample, PENALTY), GammaGammaModel.fit(sample, PENALTY)));
                    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
                        // Too little or degenerate history (a new group, one store's first month): the figures stay
                        // empty and the night goes on; the churn model sees them as missing.
                        LOG.warn("BG/NBD / Gamma-Gamma cannot be fitted to the visits up to {} ({} customers): {}", snapshot,
                                customers.size(), e.getMessage());
                    }
                });
        return fitted;
    }

    /**
     * At most {@code limit} of the summaries, evenly spaced through their sorted order: a sample
     * stratified by frequency, recency and age, and the same whatever order the rows came in.
     */
    static List<CustomerRfm> everyKth(List<CustomerRfm> sorted, int limit) {
        if (sorted.size() <= limit) {
            return sorted;
        }
        int step = (sorted.size() + limit - 1) / limit;
        List<CustomerRfm> sample = new ArrayList<>(sorted.size() / step + 1);
        for (int i = step / 2; i < sorted.size(); i += step) {
            sample.add(sorted.get(i));
        }
        return sample;
    }

    /** A customer's summary in weeks, for the fit (which needs no names) or for their own figures. */
    static CustomerRfm summary(String customer, CustomerHistory.Visits v) {
        int repeats = v.days() - 1;
        double mean = repeats == 0 ? Double.NaN : (v.cents() / 100.0 - v.firstDayCents() / 100.0) / repeats;
        return new CustomerRfm(customer, repeats, repeats == 0 ? 0 : v.span() / DAYS_PER_WEEK, v.age() / DAYS_PER_WEEK, mean);
    }

    private static CustomerRfm summary(Row r) {
        return summary(null, CustomerHistory.Visits.read(r, 1));
    }
}
