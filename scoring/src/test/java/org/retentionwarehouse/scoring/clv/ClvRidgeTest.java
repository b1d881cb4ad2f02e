package org.retentionwarehouse.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small group whose dropout probability is nearly the same for everyone (a and b large): the
 * plain likelihood then rises along a ridge without end. The nightly fit's small penalty on the
 * log-parameters must still converge, to a model that tells who is alive as the true one does.
 */
class ClvRidgeTest {

    private static final BgNbdModel TRUE = new BgNbdModel(0.5, 6, 400, 1600);
    private static final GammaGammaModel SPEND = new GammaGammaModel(6, 4, 15);

    @Test
    void aPenalizedFitConvergesOnTheRidgeAndAgreesWithTheTrueModel() {
        for (int seed = 1; seed <= 5; seed++) {
            List<CustomerRfm> customers = new ClvSimulation(TRUE, SPEND, seed).summaries(500, 52, 64);
            BgNbdModel fitted = BgNbdModel.fit(customers, 1e-6);
            GammaGammaModel.fit(customers, 1e-6);
            double trueAlive = customers.stream().mapToDouble(TRUE::probabilityAlive).average().orElseThrow();
            double fittedAlive = customers.stream().mapToDouble(fitted::probabilityAlive).average().orElseThrow();
            assertThat(fittedAlive).as("seed %d", seed).isCloseTo(trueAlive, within(0.03));
            double trueVisits = customers.stream().mapToDouble(c -> TRUE.conditionalExpectedTransactions(52, c)).sum();
            double fittedVisits = customers.stream().mapToDouble(c -> fitted.conditionalExpectedTransactions(52, c)).sum();
            assertThat(fittedVisits).as("seed %d", seed).isCloseTo(trueVisits, within(0.1 * trueVisits));
        }
    }
}
