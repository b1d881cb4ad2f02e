package org.retentionwarehouse.scoring.clv;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Calibration-period RFM summaries of every customer, built the way FHL 2005 build their CDNOW
 * data set and the {@code lifetimes} library's {@code summary_data_from_transaction_data} does with
 * daily periods:
 * <ul>
 *   <li>the calibration period runs to the end of {@code calibrationEnd}, inclusive: purchases on
 *       that day count, later ones are ignored;</li>
 *   <li>purchases on one day are one purchase whose value is the day's total;</li>
 *   <li>customers whose first purchase is after {@code calibrationEnd} are left out;</li>
 *   <li>T counts whole days from the first purchase day to {@code calibrationEnd}, t<sub>x</sub>
 *       from the first to the last purchase day, both converted to the {@link PeriodUnit} (so a
 *       CDNOW customer first buying on 1997-01-01 has T = 272/7 = 38.86 weeks at 1997-09-30);</li>
 *   <li>m<sub>x</sub> is the mean of the repeat days' totals, the first day's excluded.</li>
 * </ul>
 * With these conventions the raw CDNOW sample reproduces the published parameters (see
 * {@link BgNbdModel}, {@link GammaGammaModel}), and each alternative moves them off: counting
 * same-day rows separately gives r = 0.218, α = 3.27 (LL −9743.9); excluding the end day gives
 * a = 0.848, b = 2.57; measuring T to 1997-10-01 (a full 39 weeks) gives a = 0.815, b = 2.48
 * (LL −9589.9); putting the first purchase into m<sub>x</sub> makes Gamma-Gamma diverge. It makes
 * no difference which of the sample file's two id columns names the customer: they map one to one.
 */
public final class RfmSummary {

    private final LocalDate calibrationEnd;
    private final PeriodUnit unit;
    private final List<CustomerRfm> customers;

    private RfmSummary(LocalDate calibrationEnd, PeriodUnit unit, List<CustomerRfm> customers) {
        this.calibrationEnd = calibrationEnd;
        this.unit = unit;
        this.customers = List.copyOf(customers);
    }

    /** Summarises every customer who bought on or before {@code calibrationEnd}. */
    public static RfmSummary of(PurchaseHistories histories, LocalDate calibrationEnd, PeriodUnit unit) {
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        Objects.requireNonNull(unit, "unit");
        int endDay = Math.toIntExact(calibrationEnd.toEpochDay());
        List<CustomerRfm> customers = new ArrayList<>(histories.customers());
        for (PurchaseHistories.CustomerDays history : histories.histories()) {
            PurchaseHistories.CustomerDays days = history.ordered();
            if (days.day(0) > endDay) {
                continue;
            }
            int firstDay = days.day(0);
            int lastDay = firstDay;
            int frequency = 0;
            double repeatTotal = 0;
            for (int i = 1; i < days.size() && days.day(i) <= endDay; i++) {
                lastDay = days.day(i);
                repeatTotal += days.amount(i);
                frequency++;
            }
            customers.add(new CustomerRfm(days.customerId(), frequency, unit.fromDays(lastDay - firstDay),
                    unit.fromDays(endDay - firstDay), frequency > 0 ? repeatTotal / frequency : Double.NaN));
        }
        return new RfmSummary(calibrationEnd, unit, customers);
    }

    public LocalDate calibrationEnd() {
        return calibrationEnd;
    }

    public PeriodUnit unit() {
        return unit;
    }

    /** Every summarised customer, in order of first appearance in the log. */
    public List<CustomerRfm> customers() {
        return customers;
    }

    /** The customers with at least one repeat purchase day (x &gt; 0). */
    public List<CustomerRfm> repeatBuyers() {
        return customers.stream().filter(CustomerRfm::isRepeatBuyer).toList();
    }
}
