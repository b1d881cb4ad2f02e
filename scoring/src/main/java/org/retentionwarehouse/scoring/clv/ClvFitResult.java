package org.retentionwarehouse.scoring.clv;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The fitted CLV models and what they were fitted on.
 *
 * @param bgNbd                  the purchase model
 * @param logLikelihood          its total log-likelihood over all customers
 * @param gammaGamma             the spend model
 * @param customers              customers whose first purchase is on or before the calibration end
 * @param repeatBuyers           those of them with a repeat purchase day in the calibration period
 * @param zeroSpendRepeatBuyers  repeat buyers left out of the Gamma-Gamma fit because their mean
 *                               repeat spend is not positive
 * @param calibrationEnd         the last day of the calibration period
 * @param unit                   the time unit of α
 */
public record ClvFitResult(BgNbdModel bgNbd, double logLikelihood, GammaGammaModel gammaGamma, int customers,
        int repeatBuyers, int zeroSpendRepeatBuyers, LocalDate calibrationEnd, PeriodUnit unit) {

    public double r() {
        return bgNbd.r();
    }

    public double alpha() {
        return bgNbd.alpha();
    }

    public double a() {
        return bgNbd.a();
    }

    public double b() {
        return bgNbd.b();
    }

    public double p() {
        return gammaGamma.p();
    }

    public double q() {
        return gammaGamma.q();
    }

    public double gamma() {
        return gammaGamma.gamma();
    }

    /**
     * {@code name = value} lines for people: parameters to six significant digits, the
     * log-likelihood to four decimals.
     */
    public List<String> toLines() {
        return List.of(
                parameter("r", r()),
                parameter("alpha", alpha()),
                parameter("a", a()),
                parameter("b", b()),
                String.format(Locale.ROOT, "log-likelihood = %.4f", logLikelihood),
                parameter("p", p()),
                parameter("q", q()),
                parameter("gamma", gamma()),
                "customers = " + customers,
                "repeat buyers = " + repeatBuyers);
    }

    private static String parameter(String name, double value) {
        return String.format(Locale.ROOT, "%s = %.6g", name, value);
    }
}
