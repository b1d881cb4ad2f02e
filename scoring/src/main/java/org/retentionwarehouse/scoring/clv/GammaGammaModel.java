package org.retentionwarehouse.scoring.clv;

import java.util.Collection;

/**
 * The Gamma-Gamma model of monetary value (Fader &amp; Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value"; first used in Fader, Hardie &amp; Lee 2005, "RFM and CLV", JMR 42): each
 * transaction's value is Gamma(shape p, rate ν) around a customer's own mean p/ν, and across
 * customers ν ~ Gamma(shape q, rate γ). Spend is assumed independent of the purchase process, so
 * the model is fitted on repeat buyers' mean repeat spends alone.
 *
 * <p>On the 946 repeat buyers of the raw CDNOW sample (calibration to 1997-09-30, mean of the
 * repeat days' totals, see {@link RfmSummary}) {@link #fit} gives p = 6.2496, q = 3.7442,
 * γ = 15.4435, the note's p = 6.25, q = 3.74, γ = 15.44.
 *
 * @param p     shape of a transaction's value around the customer's mean
 * @param q     shape of the distribution of customers' rate parameters ν
 * @param gamma rate (in money units) of the distribution of ν
 */
public record GammaGammaModel(double p, double q, double gamma) implements java.io.Serializable {

    public GammaGammaModel {
        if (!(p > 0 && q > 0 && gamma > 0 && p + q + gamma < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("Gamma-Gamma parameters must be positive and finite: p = " + p
                    + ", q = " + q + ", gamma = " + gamma);
        }
    }

    /**
     * Whether a customer informs the fit: a repeat buyer (x &gt; 0) whose mean repeat spend is
     * positive. A zero mean (only free repeat purchases, as for one CDNOW master customer) or a
     * negative one (refunds) lies outside the model's support.
     */
    public static boolean canLearnFrom(CustomerRfm customer) {
        return customer.isRepeatBuyer() && customer.monetaryValue() > 0;
    }

    /**
     * Maximum-likelihood fit by BFGS in log-parameter space on the customers that
     * {@linkplain #canLearnFrom can inform it}; others are skipped. Starts at p = 1, q = 2 and
     * γ = the customers' average mean spend, where the implied population mean pγ/(q−1) equals
     * that average, whatever the currency.
     *
     * @throws IllegalArgumentException if no customer can inform the fit
     * @throws IllegalStateException    if the likelihood has no interior maximum it can reach
     */
    public static GammaGammaModel fit(Collection<CustomerRfm> customers) {
        return fit(customers, 0);
    }

    /** The fit with an L2 penalty on the log-parameters, as {@link BgNbdModel#fit(Collection, double)}. */
    public static GammaGammaModel fit(Collection<CustomerRfm> customers, double penalty) {
        GammaGammaLikelihood likelihood = new GammaGammaLikelihood(
                customers.stream().filter(GammaGammaModel::canLearnFrom).toList());
        double[] start = {0, Math.log(2), Math.log(likelihood.meanSpend())};
        double[] u = BfgsMinimizer.minimize(BfgsMinimizer.penalized(likelihood, penalty), start, "Gamma-Gamma");
        return new GammaGammaModel(Math.exp(u[0]), Math.exp(u[1]), Math.exp(u[2]));
    }

    /**
     * The total log-likelihood of the mean spends of {@code customers}.
     *
     * @throws IllegalArgumentException if a customer {@linkplain #canLearnFrom cannot inform} the model
     */
    public double logLikelihood(Collection<CustomerRfm> customers) {
        return new GammaGammaLikelihood(customers).logLikelihood(this);
    }

    /** E[M], the mean spend per transaction across customers, pγ/(q−1); infinite unless q &gt; 1. */
    public double populationMeanSpend() {
        return posteriorMeanSpend(0, 0);
    }

    /**
     * E[M | p, q, γ, m<sub>x</sub>, x], the customer's expected spend per future transaction
     * (Fader &amp; Hardie 2013, eq. 5): (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m<sub>x</sub>,
     * a credibility-weighted blend of the population mean and the customer's own mean, which gets
     * more weight the more repeat purchases back it; the population mean for x = 0.
     */
    public double expectedAverageSpend(CustomerRfm customer) {
        return customer.isRepeatBuyer()
                ? posteriorMeanSpend(customer.frequency(), customer.frequency() * customer.monetaryValue())
                : populationMeanSpend();
    }

    /**
     * p E[1/ν | x, total] with ν's posterior Gamma(px+q, γ+total): p(γ+total)/(px+q−1), infinite
     * unless px+q &gt; 1.
     */
    private double posteriorMeanSpend(int x, double totalRepeatSpend) {
        double shape = p * x + q;
        return shape > 1 ? p * (gamma + totalRepeatSpend) / (shape - 1) : Double.POSITIVE_INFINITY;
    }
}
