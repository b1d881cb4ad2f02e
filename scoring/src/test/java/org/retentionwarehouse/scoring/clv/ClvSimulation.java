package org.retentionwarehouse.scoring.clv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Draws customers from the BG/NBD and Gamma-Gamma processes with known parameters, time in weeks:
 * while alive a customer buys at exponential intervals of rate λ ~ Gamma(r, α) and right after each
 * repeat purchase drops out with probability p ~ Beta(a, b); every purchase's value is
 * Gamma(p<sub>GG</sub>, ν) with ν ~ Gamma(q, γ). Customers come out either as exact continuous-time
 * summaries or as a day-stamped transaction log.
 */
final class ClvSimulation {

    static final LocalDate COHORT_START = LocalDate.of(2020, 1, 1);

    private final BgNbdModel purchases;
    private final GammaGammaModel spend;
    private final SplittableRandom random;

    ClvSimulation(BgNbdModel purchases, GammaGammaModel spend, long seed) {
        this.purchases = purchases;
        this.spend = spend;
        this.random = new SplittableRandom(seed);
    }

    /** Exact summaries of customers observed for a uniformly random age in [minAge, maxAge) weeks. */
    List<CustomerRfm> summaries(int customers, double minAge, double maxAge) {
        List<CustomerRfm> summaries = new ArrayList<>(customers);
        for (int i = 0; i < customers; i++) {
            double age = minAge + (maxAge - minAge) * random.nextDouble();
            List<double[]> history = customer(age);
            int x = history.size() - 1;
            double repeatTotal = history.stream().skip(1).mapToDouble(purchase -> purchase[1]).sum();
            summaries.add(new CustomerRfm("C" + i, x, history.get(x)[0], age, x > 0 ? repeatTotal / x : Double.NaN));
        }
        return summaries;
    }

    /**
     * Writes a CSV log (header {@code customer,date,amount}, ISO dates) of customers whose first
     * purchase falls on a random day of the cohort window starting at {@link #COHORT_START}, observed
     * through {@code lastDay}. The first purchase happens at a random moment of its day, so that
     * day stamps measure the time between purchases without bias.
     */
    void writeLog(Path file, int customers, int cohortDays, LocalDate lastDay) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("customer,date,amount\n");
            for (int i = 0; i < customers; i++) {
                LocalDate firstDay = COHORT_START.plusDays(random.nextInt(cohortDays));
                double firstMoment = random.nextDouble();
                double observedDays = lastDay.toEpochDay() - firstDay.toEpochDay() + 1 - firstMoment;
                for (double[] purchase : customer(observedDays / 7)) {
                    LocalDate day = firstDay.plusDays((long) (firstMoment + 7 * purchase[0]));
                    out.write(String.format(Locale.ROOT, "C%06d,%s,%.2f%n", i, day, purchase[1]));
                }
            }
        }
    }

    /** One customer's purchases as (weeks since the first purchase, value), the first at 0. */
    private List<double[]> customer(double observedWeeks) {
        double rate = gamma(purchases.r()) / purchases.alpha();
        double dropout = beta(purchases.a(), purchases.b());
        double spendRate = gamma(spend.q()) / spend.gamma();
        List<double[]> history = new ArrayList<>();
        history.add(new double[] {0, gamma(spend.p()) / spendRate});
        double t = 0;
        while (true) {
            t += random.nextExponential() / rate;
            if (t >= observedWeeks) {
                return history;
            }
            history.add(new double[] {t, gamma(spend.p()) / spendRate});
            if (random.nextDouble() < dropout) {
                return history;
            }
        }
    }

    private double beta(double a, double b) {
        double x = gamma(a);
        return x / (x + gamma(b));
    }

    /** Gamma(shape, 1) by Marsaglia &amp; Tsang (2000), boosted for shapes below 1. */
    private double gamma(double shape) {
        if (shape < 1) {
            return gamma(shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            if (Math.log(random.nextDouble()) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
