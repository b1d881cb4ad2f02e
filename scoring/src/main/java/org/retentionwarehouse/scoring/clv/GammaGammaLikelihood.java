package org.retentionwarehouse.scoring.clv;

import java.util.Collection;
import smile.math.special.Gamma;

/**
 * The Gamma-Gamma likelihood of repeat buyers' mean spends (Fader &amp; Hardie 2013), as an
 * objective for {@link BfgsMinimizer}: mean negative log-likelihood per customer and its gradient
 * in u = (ln p, ln q, ln γ). A customer's mean repeat spend m over x repeat purchases has density
 * <pre>
 *   f(m | x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q m^(px−1) x^(px) / (γ + m x)^(px+q)
 * </pre>
 * evaluated in logs; the gamma-function terms depend on x only and are tabulated per evaluation.
 */
final class GammaGammaLikelihood implements BfgsMinimizer.Objective {

    private final int[] frequency;
    private final double[] meanSpend;
    private final int maxFrequency;

    /** @param customers repeat buyers with a positive mean spend, see {@link GammaGammaModel#canLearnFrom} */
    GammaGammaLikelihood(Collection<CustomerRfm> customers) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("Gamma-Gamma: no repeat buyers with a positive spend to fit");
        }
        int n = customers.size();
        frequency = new int[n];
        meanSpend = new double[n];
        int i = 0;
        int max = 0;
        for (CustomerRfm customer : customers) {
            if (!GammaGammaModel.canLearnFrom(customer)) {
                throw new IllegalArgumentException("Gamma-Gamma needs x > 0 and a positive mean spend: " + customer);
            }
            frequency[i] = customer.frequency();
            meanSpend[i] = customer.monetaryValue();
            max = Math.max(max, frequency[i]);
            i++;
        }
        maxFrequency = max;
    }

    double meanSpend() {
        double sum = 0;
        for (double m : meanSpend) {
            sum += m;
        }
        return sum / meanSpend.length;
    }

    /** The total log-likelihood under {@code model}. */
    double logLikelihood(GammaGammaModel model) {
        double[] u = {Math.log(model.p()), Math.log(model.q()), Math.log(model.gamma())};
        return -value(u, null) * frequency.length;
    }

    /**
     * @param u        (ln p, ln q, ln γ)
     * @param gradient receives the gradient with respect to {@code u}, or {@code null} for the value only
     * @return the mean negative log-likelihood, NaN where a parameter over- or underflows
     */
    @Override
    public double value(double[] u, double[] gradient) {
        double p = Math.exp(u[0]);
        double q = Math.exp(u[1]);
        double gamma = Math.exp(u[2]);
        if (!(p > 0 && q > 0 && gamma > 0 && p + q + gamma < Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        // ln Γ(px+q) − ln Γ(px) and its derivatives in p·x and q, per x.
        double[] lnGammaRatio = new double[maxFrequency + 1];
        double[] psiSum = new double[maxFrequency + 1];
        double[] psiPx = new double[maxFrequency + 1];
        for (int x = 1; x <= maxFrequency; x++) {
            lnGammaRatio[x] = Gamma.lgamma(p * x + q) - Gamma.lgamma(p * x);
            psiSum[x] = Gamma.digamma(p * x + q);
            psiPx[x] = Gamma.digamma(p * x);
        }
        double lnGammaQ = Gamma.lgamma(q);
        double psiQ = Gamma.digamma(q);
        double lnGamma = Math.log(gamma);
        double sum = 0;
        double dp = 0;
        double dq = 0;
        double dGamma = 0;
        for (int i = 0; i < frequency.length; i++) {
            int x = frequency[i];
            double m = meanSpend[i];
            double lnM = Math.log(m);
            double lnX = Math.log(x);
            double lnTotal = Math.log(gamma + m * x);
            sum += lnGammaRatio[x] - lnGammaQ + q * lnGamma + (p * x - 1) * lnM + p * x * lnX
                    - (p * x + q) * lnTotal;
            dp += x * (psiSum[x] - psiPx[x] + lnM + lnX - lnTotal);
            dq += psiSum[x] - psiQ + lnGamma - lnTotal;
            dGamma += q / gamma - (p * x + q) / (gamma + m * x);
        }
        int n = frequency.length;
        if (gradient != null) {
            // Chain rule into log space: d/du = θ d/dθ; negated and averaged like the value.
            gradient[0] = -dp * p / n;
            gradient[1] = -dq * q / n;
            gradient[2] = -dGamma * gamma / n;
        }
        return -sum / n;
    }
}
