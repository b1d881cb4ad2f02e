package org.retentionwarehouse.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Compares an objective's analytic gradient with central finite differences. */
final class GradientCheck {

    private GradientCheck() {
    }

    static void assertGradientMatchesFiniteDifferences(BfgsMinimizer.Objective objective, double... at) {
        double[] analytic = new double[at.length];
        objective.value(at, analytic);
        double h = 1e-6;
        for (int i = 0; i < at.length; i++) {
            double[] up = at.clone();
            double[] down = at.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (objective.value(up, null) - objective.value(down, null)) / (2 * h);
            assertThat(analytic[i]).as("d/du[%d]", i).isCloseTo(numeric, within(1e-7 + 1e-6 * Math.abs(numeric)));
        }
    }
}
