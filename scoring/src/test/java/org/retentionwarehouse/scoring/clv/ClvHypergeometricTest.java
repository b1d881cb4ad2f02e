package org.retentionwarehouse.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class ClvHypergeometricTest {

    /** From SciPy's {@code scipy.special.hyp2f1}. */
    private static final double REFERENCE_NEAR_ONE = 68635.69006480249;
    private static final double REFERENCE_NEGATIVE_C = -14.771332037019956;
    private static final double REFERENCE_SMALL_C = 8591064.812945219;

    @Test
    void matchesClosedForms() {
        for (double z : new double[] {0, 0.1, 0.5, 0.9, 0.999}) {
            // 2F1(1, 1; 2; z) = -ln(1 - z) / z and 2F1(a, b; b; z) = (1 - z)^-a
            double log = z == 0 ? 1 : -Math.log1p(-z) / z;
            assertThat(GaussHypergeometric.value(1, 1, 2, z)).isCloseTo(log, withinPercentage(1e-11));
            assertThat(GaussHypergeometric.value(0.7, 2.5, 2.5, z))
                    .isCloseTo(Math.pow(1 - z, -0.7), withinPercentage(1e-11));
        }
    }

    @Test
    void matchesSciPyNearOneAndForNegativeC() {
        assertThat(GaussHypergeometric.value(2.243, 4.426, 4.219, 0.99))
                .isCloseTo(REFERENCE_NEAR_ONE, withinPercentage(1e-9));
        assertThat(GaussHypergeometric.value(0.3, 1.5, -0.5, 0.7)).isCloseTo(REFERENCE_NEGATIVE_C, within(1e-11));
        assertThat(GaussHypergeometric.value(1.2, 3.4, 0.2, 0.95)).isCloseTo(REFERENCE_SMALL_C, withinPercentage(1e-9));
    }

    @Test
    void terminatesForNegativeIntegerNumeratorParameters() {
        // 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1)z^2/(c(c+1))
        assertThat(GaussHypergeometric.value(-2, 3, 4, 0.5)).isCloseTo(1 - 0.75 + 12 * 0.25 / 20, within(1e-15));
    }

    @Test
    void rejectsArgumentsOutsideTheUnitInterval() {
        assertThatThrownBy(() -> GaussHypergeometric.value(1, 1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GaussHypergeometric.value(1, 1, 2, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GaussHypergeometric.value(1, 1, -1, 0.5)).isInstanceOf(ArithmeticException.class);
    }
}
