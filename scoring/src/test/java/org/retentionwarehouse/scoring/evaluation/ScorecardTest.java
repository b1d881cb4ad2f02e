package org.retentionwarehouse.scoring.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scorecard's figures on cases worked out by hand, and on outcomes drawn from known probabilities. */
class ScorecardTest {

    @Test
    void perfectRankingHasTopFigures() {
        int[] y = new int[100];
        double[] p = new double[100];
        for (int i = 0; i < 100; i++) {
            y[i] = i >= 80 ? 1 : 0;
            p[i] = i / 100.0;
        }
        Scorecard s = Scorecard.of(y, p);
        assertThat(s.auc()).isEqualTo(1.0);
        assertThat(s.prAuc()).isEqualTo(1.0);
        // The top tenth is all churners against a fifth overall.
        assertThat(s.topDecileLift()).isCloseTo(5.0, within(1e-12));
        assertThat(s.calibration()).hasSize(10);
        assertThat(s.calibration().get(0).observedRate()).isZero();
        assertThat(s.calibration().get(9).observedRate()).isEqualTo(1.0);
    }

    @Test
    void averagePrecisionAndBrierByHand() {
        // Scores descending: 1 (hit), 0 (miss), 1 (hit): precision 1 at the first hit and 2/3 at the second.
        Scorecard s = Scorecard.of(new int[] {1, 0, 1}, new double[] {0.9, 0.5, 0.1});
        assertThat(s.prAuc()).isCloseTo((1.0 + 2.0 / 3) / 2, within(1e-12));
        assertThat(s.brier()).isCloseTo((0.01 + 0.25 + 0.81) / 3, within(1e-12));
        assertThat(s.auc()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void trueProbabilitiesAreCalibrated() {
        Random random = new Random(3);
        int n = 20_000;
        int[] y = new int[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = random.nextDouble();
            y[i] = random.nextDouble() < p[i] ? 1 : 0;
        }
        Scorecard s = Scorecard.of(y, p);
        for (Scorecard.CalibrationBin bin : s.calibration()) {
            assertThat(bin.observedRate()).isCloseTo(bin.meanPredicted(), within(0.04));
        }
        // E[(p - y)^2] = E[p(1 - p)] = 1/6 for uniform p.
        assertThat(s.brier()).isCloseTo(1.0 / 6, within(0.01));
    }
}
