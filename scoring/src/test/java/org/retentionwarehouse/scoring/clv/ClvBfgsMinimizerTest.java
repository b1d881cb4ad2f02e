package org.retentionwarehouse.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClvBfgsMinimizerTest {

    /** Rosenbrock's banana, minimum 0 at (1, 1). */
    private static double rosenbrock(double[] x, double[] gradient) {
        double a = 1 - x[0];
        double b = x[1] - x[0] * x[0];
        if (gradient != null) {
            gradient[0] = -2 * a - 400 * x[0] * b;
            gradient[1] = 200 * b;
        }
        return a * a + 100 * b * b;
    }

    @Test
    void findsTheMinimumOfACurvedValley() {
        double[] minimum = BfgsMinimizer.minimize(ClvBfgsMinimizerTest::rosenbrock, new double[] {-1.2, 1}, "test");
        assertThat(minimum[0]).isCloseTo(1, within(1e-7));
        assertThat(minimum[1]).isCloseTo(1, within(1e-7));
    }

    @Test
    void backsOffFromPointsWhereTheObjectiveIsUndefined() {
        // Defined only for x > 0.5, like a likelihood whose log-gamma overflows: the first full step
        // from x = 2 lands at x = 0.007, in the undefined region.
        BfgsMinimizer.Objective objective = (x, gradient) -> {
            if (x[0] <= 0.5) {
                return Double.NaN;
            }
            if (gradient != null) {
                gradient[0] = 2 * (x[0] - 1) - 0.01 / (x[0] - 0.5);
            }
            return (x[0] - 1) * (x[0] - 1) - 0.01 * Math.log(x[0] - 0.5);
        };
        double[] minimum = BfgsMinimizer.minimize(objective, new double[] {2}, "test");
        double expected = 0.75 + Math.sqrt(0.0625 + 0.005);
        assertThat(minimum[0]).isCloseTo(expected, within(1e-8));
    }

    @Test
    void reportsAnUndefinedStartAndAnUnboundedObjective() {
        assertThatThrownBy(() -> BfgsMinimizer.minimize((x, g) -> Double.NaN, new double[] {0}, "model X"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model X");
        BfgsMinimizer.Objective downhill = (x, gradient) -> {
            gradient[0] = -1e-3;
            return -1e-3 * x[0];
        };
        assertThatThrownBy(() -> BfgsMinimizer.minimize(downhill, new double[] {0}, "model Y"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("model Y");
    }
}
