package org.retentionwarehouse.scoring.clv;

/**
 * One customer's calibration-period summary in the notation of FHL 2005, times in the summary's
 * {@link PeriodUnit}.
 *
 * @param customerId    the customer
 * @param frequency     x, the number of repeat purchase days (purchase days after the first)
 * @param recency       t<sub>x</sub>, the time from the first to the last purchase; 0 when x = 0
 * @param age           T, the time from the first purchase to the end of the calibration period
 * @param monetaryValue m<sub>x</sub>, the mean day total of the repeat purchases; {@code NaN} when
 *                      x = 0, as the first purchase is not part of it (Fader &amp; Hardie 2013)
 */
public record CustomerRfm(String customerId, int frequency, double recency, double age, double monetaryValue) {

    public CustomerRfm {
        if (frequency < 0 || !(recency >= 0 && recency <= age) || frequency == 0 && recency != 0) {
            throw new IllegalArgumentException("customer " + customerId + ": need x >= 0 and 0 <= t_x <= T, "
                    + "t_x = 0 when x = 0; got x = " + frequency + ", t_x = " + recency + ", T = " + age);
        }
        if (frequency == 0 != Double.isNaN(monetaryValue)) {
            throw new IllegalArgumentException("customer " + customerId
                    + ": the mean repeat spend is defined exactly when x > 0; got x = " + frequency
                    + ", m_x = " + monetaryValue);
        }
    }

    /** Whether the customer bought again after their first purchase day. */
    public boolean isRepeatBuyer() {
        return frequency > 0;
    }
}
