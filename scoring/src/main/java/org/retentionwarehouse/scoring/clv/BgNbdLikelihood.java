package org.retentionwarehouse.scoring.clv;

import java.util.Collection;
import java.util.stream.IntStream;
import smile.math.special.Gamma;

/**
 * The BG/NBD likelihood of a set of customers, FHL 2005 eq. (6), as an objective for
 * {@link BfgsMinimizer}: the mean negative log-likelihood per customer and its gradient in
 * u = (ln r, ln α, ln a, ln b). Optimising in logs keeps every parameter positive without
 * constraints.
 *
 * <p>Each customer's likelihood is evaluated in logs as in section 7 of the paper,
 * ln L = A<sub>1</sub> + A<sub>2</sub> + ln(e<sup>A<sub>3</sub></sup> + δ<sub>x&gt;0</sub>
 * e<sup>A<sub>4</sub></sup>), with the sum of exponentials taken as log-sum-exp so that neither
 * term underflows for large x or T, and the Beta and Gamma function ratios taken as differences
 * of log-gammas:
 * <pre>
 *   A1 = ln Γ(r+x) − ln Γ(r) + r ln α
 *   A2 = ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x)
 *   A3 = −(r+x) ln(α+T)
 *   A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x)
 * </pre>
 * The gamma-function terms depend on x only, so they are tabulated once per evaluation rather
 * than per customer; that makes an evaluation over CDNOW's 23,570 customers a matter of logs and
 * exponentials.
 */
final class BgNbdLikelihood implements BfgsMinimizer.Objective {

    /**
     * Customers summed by one thread: a million customers' fit runs on the driver while the
     * executors wait, and its evaluations (about 10 s at 1M) then use every core.
     */
    private static final int CHUNK = 1 << 15;

    private final int[] frequency;
    private final double[] recency;
    private final double[] age;
    private final int maxFrequency;

    BgNbdLikelihood(Collection<CustomerRfm> customers) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("BG/NBD: no customers to fit");
        }
        int n = customers.size();
        frequency = new int[n];
        recency = new double[n];
        age = new double[n];
        int i = 0;
        int max = 0;
        for (CustomerRfm customer : customers) {
            frequency[i] = customer.frequency();
            recency[i] = customer.recency();
            age[i] = customer.age();
            max = Math.max(max, frequency[i]);
            i++;
        }
        maxFrequency = max;
    }

    double meanAge() {
        double sum = 0;
        for (double t : age) {
            sum += t;
        }
        return sum / age.length;
    }

    /** The total log-likelihood under {@code model}. */
    double logLikelihood(BgNbdModel model) {
        double[] u = {Math.log(model.r()), Math.log(model.alpha()), Math.log(model.a()), Math.log(model.b())};
        return -value(u, null) * frequency.length;
    }

    /**
     * @param u        (ln r, ln α, ln a, ln b)
     * @param gradient receives the gradient with respect to {@code u}, or {@code null} for the value only
     * @return the mean negative log-likelihood, NaN where a parameter over- or underflows
     */
    @Override
    public double value(double[] u, double[] gradient) {
        double r = Math.exp(u[0]);
        double alpha = Math.exp(u[1]);
        double a = Math.exp(u[2]);
        double b = Math.exp(u[3]);
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0 && r + alpha + a + b < Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        Tables t = new Tables(r, a, b, maxFrequency);
        int n = frequency.length;
        // Chunks of fixed bounds, summed in their order: the same bits whichever threads add them up.
        double[][] parts = IntStream.range(0, (n + CHUNK - 1) / CHUNK).parallel()
                .mapToObj(c -> sums(c * CHUNK, Math.min(n, (c + 1) * CHUNK), r, alpha, a, b, t))
                .toArray(double[][]::new);
        double[] total = new double[5];
        for (double[] part : parts) {
            for (int k = 0; k < total.length; k++) {
                total[k] += part[k];
            }
        }
        if (gradient != null) {
            // Chain rule into log space: d/du = θ d/dθ; negated and averaged like the value.
            gradient[0] = -total[1] * r / n;
            gradient[1] = -total[2] * alpha / n;
            gradient[2] = -total[3] * a / n;
            gradient[3] = -total[4] * b / n;
        }
        return -total[0] / n;
    }

    /** The log-likelihood of customers {@code from} to {@code to} (exclusive) and its derivatives in r, α, a and b. */
    private double[] sums(int from, int to, double r, double alpha, double a, double b, Tables t) {
        double lnAlpha = Math.log(alpha);
        double lnA = Math.log(a);
        double sum = 0;
        double dr = 0;
        double dAlpha = 0;
        double da = 0;
        double db = 0;
        for (int i = from; i < to; i++) {
            int x = frequency[i];
            double lnAlphaT = Math.log(alpha + age[i]);
            double a3 = -(r + x) * lnAlphaT;
            double logSum = a3;
            // w is the share of the "dropped out right after the last purchase" term in L.
            double w = 0;
            double lnAlphaTx = 0;
            if (x > 0) {
                lnAlphaTx = Math.log(alpha + recency[i]);
                double a4 = lnA - Math.log(b + x - 1) - (r + x) * lnAlphaTx;
                double high = Math.max(a3, a4);
                logSum = high + Math.log1p(Math.exp(Math.min(a3, a4) - high));
                w = Math.exp(a4 - logSum);
            }
            sum += t.lnGammaRatioR[x] + r * lnAlpha + t.lnBetaRatio[x] + logSum;
            dr += t.dLnGammaRatioR[x] + lnAlpha - (1 - w) * lnAlphaT - w * lnAlphaTx;
            dAlpha += r / alpha - (r + x) * ((1 - w) / (alpha + age[i]) + w / (alpha + recency[i]));
            da += t.dLnBetaRatioA[x] + w / a;
            db += t.dLnBetaRatioB[x] - (x > 0 ? w / (b + x - 1) : 0);
        }
        return new double[] {sum, dr, dAlpha, da, db};
    }

    /** A1 (less r ln α) and A2 for x = 0..maxFrequency, with their derivatives in r, a and b. */
    private static final class Tables {
        final double[] lnGammaRatioR;
        final double[] lnBetaRatio;
        final double[] dLnGammaRatioR;
        final double[] dLnBetaRatioA;
        final double[] dLnBetaRatioB;

        Tables(double r, double a, double b, int maxFrequency) {
            int size = maxFrequency + 1;
            lnGammaRatioR = new double[size];
            lnBetaRatio = new double[size];
            dLnGammaRatioR = new double[size];
            dLnBetaRatioA = new double[size];
            dLnBetaRatioB = new double[size];
            double lgR = Gamma.lgamma(r);
            double lgB = Gamma.lgamma(b);
            double lgAB = Gamma.lgamma(a + b);
            double psiR = Gamma.digamma(r);
            double psiB = Gamma.digamma(b);
            double psiAB = Gamma.digamma(a + b);
            for (int x = 0; x < size; x++) {
                lnGammaRatioR[x] = Gamma.lgamma(r + x) - lgR;
                lnBetaRatio[x] = lgAB + Gamma.lgamma(b + x) - lgB - Gamma.lgamma(a + b + x);
                double psiABx = Gamma.digamma(a + b + x);
                dLnGammaRatioR[x] = Gamma.digamma(r + x) - psiR;
                dLnBetaRatioA[x] = psiAB - psiABx;
                dLnBetaRatioB[x] = psiAB + Gamma.digamma(b + x) - psiB - psiABx;
            }
        }
    }
}
