package org.retentionwarehouse.scoring.clv;

import java.util.Collection;

/**
 * The BG/NBD model of Fader, Hardie &amp; Lee (2005), "Counting Your Customers the Easy Way",
 * Marketing Science 24(2): while alive, a customer buys as a Poisson process with rate λ, and
 * right after each repeat purchase drops out for good with probability p; across customers
 * λ ~ Gamma(shape r, rate α) and p ~ Beta(a, b). Times are in the {@link PeriodUnit} of the
 * {@link CustomerRfm} summaries it was fitted on (α is a time scale; r, a, b are unit-free).
 *
 * <p>On the raw CDNOW sample (2,357 customers, calibration to 1997-09-30, weeks, see
 * {@link RfmSummary} for the conventions) {@link #fit} gives r = 0.2426, α = 4.4136, a = 0.7929,
 * b = 2.4259 with log-likelihood −9582.43, the paper's r = 0.243, α = 4.414, a = 0.793, b = 2.426,
 * LL = −9582.4.
 *
 * @param r     shape of the purchase-rate distribution
 * @param alpha rate (inverse time scale) of the purchase-rate distribution
 * @param a     first shape of the dropout-probability distribution
 * @param b     second shape of the dropout-probability distribution
 */
public record BgNbdModel(double r, double alpha, double a, double b) implements java.io.Serializable {

    public BgNbdModel {
        if (!(isPositive(r) && isPositive(alpha) && isPositive(a) && isPositive(b))) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive and finite: r = " + r
                    + ", alpha = " + alpha + ", a = " + a + ", b = " + b);
        }
    }

    /**
     * Maximum-likelihood fit (FHL 2005 eq. 6-7) by BFGS in log-parameter space, starting from
     * r = a = b = 1 and α = 1 + the customers' mean age, a start that is equally good whether
     * time is counted in days or weeks.
     *
     * @throws IllegalArgumentException if {@code customers} is empty
     * @throws IllegalStateException    if the likelihood has no interior maximum it can reach
     *                                  (for instance when nobody ever bought again)
     */
    public static BgNbdModel fit(Collection<CustomerRfm> customers) {
        return fit(customers, 0);
    }

    /**
     * The fit with an L2 penalty on the log-parameters ({@code penalty} × Σ log²θ, per customer), which
     * keeps a small group's fit from running off along the a, b → ∞ ridge; 0 is plain maximum likelihood.
     */
    public static BgNbdModel fit(Collection<CustomerRfm> customers, double penalty) {
        BgNbdLikelihood likelihood = new BgNbdLikelihood(customers);
        double[] start = {0, Math.log1p(likelihood.meanAge()), 0, 0};
        double[] u = BfgsMinimizer.minimize(BfgsMinimizer.penalized(likelihood, penalty), start, "BG/NBD");
        return new BgNbdModel(Math.exp(u[0]), Math.exp(u[1]), Math.exp(u[2]), Math.exp(u[3]));
    }

    /** The total log-likelihood of {@code customers}' summaries, FHL 2005 eq. (7). */
    public double logLikelihood(Collection<CustomerRfm> customers) {
        return new BgNbdLikelihood(customers).logLikelihood(this);
    }

    /**
     * P(alive | x, t<sub>x</sub>, T), the probability that the customer has not dropped out by the end
     * of calibration (Fader, Hardie &amp; Lee 2008 note "Computing P(alive) Using the BG/NBD Model"):
     * 1 / (1 + δ<sub>x&gt;0</sub> a/(b+x−1) ((α+T)/(α+t<sub>x</sub>))<sup>r+x</sup>). A
     * customer who never bought again is alive for sure, since the model lets customers drop out
     * only right after a repeat purchase.
     */
    public double probabilityAlive(CustomerRfm customer) {
        int x = customer.frequency();
        if (x == 0) {
            return 1;
        }
        double logOdds = Math.log(a / (b + x - 1))
                + (r + x) * (Math.log(alpha + customer.age()) - Math.log(alpha + customer.recency()));
        return 1 / (1 + Math.exp(logOdds));
    }

    /**
     * E[X(t)], the expected number of repeat purchases in (0, t] after the first purchase for a
     * randomly chosen customer, FHL 2005 eq. (9):
     * (a+b−1)/(a−1) [1 − (α/(α+t))<sup>r</sup> ₂F₁(r, b; a+b−1; t/(α+t))].
     */
    public double expectedTransactions(double t) {
        requireHorizon(t);
        double hypergeometric = GaussHypergeometric.value(r, b, a + b - 1, t / (alpha + t));
        return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * hypergeometric);
    }

    /**
     * E[Y(t) | x, t<sub>x</sub>, T], the expected number of purchases in the t periods after the
     * calibration end for this customer, FHL 2005 eq. (10): P(alive) times
     * (a+b+x−1)/(a−1) [1 − ((α+T)/(α+T+t))<sup>r+x</sup> ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))].
     */
    public double conditionalExpectedTransactions(double t, CustomerRfm customer) {
        requireHorizon(t);
        int x = customer.frequency();
        double ageScale = alpha + customer.age();
        double hypergeometric = GaussHypergeometric.value(r + x, b + x, a + b + x - 1, t / (ageScale + t));
        double ifAlive = (a + b + x - 1) / (a - 1)
                * (1 - Math.pow(ageScale / (ageScale + t), r + x) * hypergeometric);
        return ifAlive * probabilityAlive(customer);
    }

    /**
     * P(Y(t) = 0 | x, t<sub>x</sub>, T), the probability that this customer makes no purchase in the t
     * periods after the calibration end: dropped out already, or alive with a Poisson rate whose
     * posterior is Gamma(r+x, α+T) and no purchase in t, where no purchase also means no chance to
     * drop out: 1 − P(alive) + P(alive) ((α+T)/(α+T+t))<sup>r+x</sup>.
     */
    public double probabilityNoTransactions(double t, CustomerRfm customer) {
        requireHorizon(t);
        double alive = probabilityAlive(customer);
        double ageScale = alpha + customer.age();
        return 1 - alive + alive * Math.pow(ageScale / (ageScale + t), r + customer.frequency());
    }

    private static void requireHorizon(double t) {
        if (!(t >= 0 && t < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("horizon must be finite and >= 0, got " + t);
        }
    }

    private static boolean isPositive(double value) {
        return value > 0 && value < Double.POSITIVE_INFINITY;
    }
}
