package org.retentionwarehouse.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.retentionwarehouse.scoring.clv.BgNbdModel;
import org.retentionwarehouse.scoring.clv.CustomerLifetimeValue;
import org.retentionwarehouse.scoring.clv.GammaGammaModel;

/** One customer's lifetime-value figures, and a customer whose figures cannot be computed. */
class LifetimeValueFeaturesTest {

    // a + b = 1 makes the hypergeometric series of a customer who never came back undefined (c = 0).
    private final LifetimeValueFeatures.Fitted fitted =
            new LifetimeValueFeatures.Fitted(new BgNbdModel(1.2, 20, 0.5, 0.5), new GammaGammaModel(3, 4, 50));

    @Test
    void aCustomersFiguresAreTheModelsAndAFailingOneIsLeftEmpty() {
        // Three visit days over 70 of 140 days, 600.00 spent after the first.
        var regular = LifetimeValueFeatures.summary("C1", new CustomerHistory.Visits(3, 70, 140, 90_000, 30_000));
        double[] figures = fitted.figures(regular);
        assertThat(figures[0]).isEqualTo(fitted.visits().probabilityAlive(regular));
        assertThat(figures[1]).isEqualTo(fitted.visits().conditionalExpectedTransactions(52, regular));
        assertThat(figures[2]).isEqualTo(fitted.visits().probabilityNoTransactions(52, regular));
        assertThat(figures[3]).isEqualTo(new CustomerLifetimeValue(fitted.visits(), fitted.spend()).value(regular, 52));
        assertThat(figures[0]).isBetween(0.0, 1.0);
        var once = LifetimeValueFeatures.summary("C2", new CustomerHistory.Visits(1, 0, 30, 10_000, 10_000));
        assertThat(fitted.figures(once)).isNull();
    }
}
