package org.retentionwarehouse.scoring.clv;

import java.util.Objects;

/**
 * A customer's expected purchase value over a horizon after the calibration end: the BG/NBD
 * expected number of purchases (FHL 2005 eq. 10) times the Gamma-Gamma expected spend per purchase
 * (Fader &amp; Hardie 2013 eq. 5). Multiplying expectations is exact here because the Gamma-Gamma
 * model takes spend to be independent of the purchase process (Fader, Hardie &amp; Lee 2005, "RFM
 * and CLV", JMR 42).
 *
 * <p>With a discount rate d per period (the models' {@link PeriodUnit}: a weekly rate for models
 * fitted in weeks), the purchases expected in each period k are discounted to the calibration end
 * by (1+d)<sup>−k</sup>: Σ<sub>k</sub> (E[Y(k)] − E[Y(k−1)]) · spend · (1+d)<sup>−k</sup>, the last
 * period ending at the horizon.
 */
public final class CustomerLifetimeValue {

    private final BgNbdModel purchases;
    private final GammaGammaModel spend;

    public CustomerLifetimeValue(BgNbdModel purchases, GammaGammaModel spend) {
        this.purchases = Objects.requireNonNull(purchases, "purchases");
        this.spend = Objects.requireNonNull(spend, "spend");
    }

    /** Undiscounted expected value of the customer's purchases in the next {@code horizon} periods. */
    public double value(CustomerRfm customer, double horizon) {
        return value(customer, horizon, 0);
    }

    /**
     * Undiscounted expected value of {@code expectedPurchases} purchases by the customer: the
     * customer's E[Y(t)] over the horizon, already worked out by a caller that needs it too, times
     * the expected spend of one.
     */
    public double valueOfPurchases(CustomerRfm customer, double expectedPurchases) {
        return expectedPurchases * spend.expectedAverageSpend(customer);
    }

    /**
     * Expected value of the customer's purchases in the next {@code horizon} periods, discounted at
     * {@code discountRate} per period.
     */
    public double value(CustomerRfm customer, double horizon, double discountRate) {
        if (!(discountRate >= 0 && discountRate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("discount rate must be finite and >= 0, got " + discountRate);
        }
        if (discountRate == 0) {
            // The per-period sum telescopes to E[Y(horizon)]: one hypergeometric series, not one per period.
            return valueOfPurchases(customer, purchases.conditionalExpectedTransactions(horizon, customer));
        }
        double perPurchase = spend.expectedAverageSpend(customer);
        double value = 0;
        double before = 0;
        for (int k = 1; k - 1 < horizon; k++) {
            double end = Math.min(k, horizon);
            double upToEnd = purchases.conditionalExpectedTransactions(end, customer);
            value += (upToEnd - before) * perPurchase / Math.pow(1 + discountRate, end);
            before = upToEnd;
        }
        return value;
    }
}
