package org.retentionwarehouse.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GammaGammaModelTest {

    /** Fader &amp; Hardie's CDNOW estimates. */
    private static final GammaGammaModel CDNOW = new GammaGammaModel(6.25, 3.74, 15.44);

    private static CustomerRfm buyer(int x, double meanSpend) {
        return new CustomerRfm("c", x, x > 0 ? 10 : 0, 39, meanSpend);
    }

    @Test
    void populationMeanIsPGammaOverQMinusOne() {
        assertThat(CDNOW.populationMeanSpend()).isCloseTo(6.25 * 15.44 / 2.74, within(1e-12));
        assertThat(new GammaGammaModel(2, 0.9, 10).populationMeanSpend()).isInfinite();
    }

    @Test
    void expectedSpendBlendsPopulationAndOwnMeanByTheNumberOfPurchases() {
        double population = CDNOW.populationMeanSpend();
        assertThat(CDNOW.expectedAverageSpend(new CustomerRfm("new", 0, 0, 39, Double.NaN))).isEqualTo(population);

        double weight = 6.25 * 3 / (6.25 * 3 + 3.74 - 1);
        assertThat(CDNOW.expectedAverageSpend(buyer(3, 20)))
                .isCloseTo((1 - weight) * population + weight * 20, within(1e-12));
        // More purchases at the same own mean pull the estimate closer to it.
        assertThat(Math.abs(CDNOW.expectedAverageSpend(buyer(30, 100)) - 100))
                .isLessThan(Math.abs(CDNOW.expectedAverageSpend(buyer(2, 100)) - 100));
    }

    @Test
    void onlyRepeatBuyersWithPositiveSpendInformTheFit() {
        assertThat(GammaGammaModel.canLearnFrom(buyer(2, 12.5))).isTrue();
        assertThat(GammaGammaModel.canLearnFrom(buyer(2, 0))).isFalse();
        assertThat(GammaGammaModel.canLearnFrom(buyer(2, -3))).isFalse();
        assertThat(GammaGammaModel.canLearnFrom(new CustomerRfm("new", 0, 0, 39, Double.NaN))).isFalse();
        assertThatThrownBy(() -> GammaGammaModel.fit(List.of(buyer(2, 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no repeat buyers with a positive spend");
    }

    @Test
    void likelihoodGradientIsExact() {
        GammaGammaLikelihood likelihood = new GammaGammaLikelihood(
                List.of(buyer(1, 12.5), buyer(2, 40), buyer(7, 22.1), buyer(30, 9.99)));
        GradientCheck.assertGradientMatchesFiniteDifferences(likelihood, Math.log(6), Math.log(3.7), Math.log(15));
        GradientCheck.assertGradientMatchesFiniteDifferences(likelihood, -0.5, 1, 3);
    }
}
