package org.retentionwarehouse.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.retentionwarehouse.scoring.clv.CustomerRfm;
import org.retentionwarehouse.scoring.clv.BgNbdModel;
import org.retentionwarehouse.scoring.clv.CustomerLifetimeValue;
import org.retentionwarehouse.scoring.clv.GammaGammaModel;

/**
 * One customer's lifetime-value figures, a customer whose figures cannot be computed, and the
 * sample a large group's models are fitted to.
 */
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

    @Test
    void aLargeGroupIsFittedToAnEvenSampleThroughTheSortedSummaries() {
        List<CustomerRfm> sorted = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            sorted.add(new CustomerRfm("C" + i, i / 100, i / 100, 20, i / 100 == 0 ? Double.NaN : 10));
        }
        assertThat(LifetimeValueFeatures.everyKth(sorted, 2_000)).isSameAs(sorted);
        List<CustomerRfm> sample = LifetimeValueFeatures.everyKth(sorted, 100);
        // Every 11th from the middle of the first eleven: at most the limit, from both ends of the order.
        assertThat(sample).hasSize(91);
        assertThat(sample.get(0)).isSameAs(sorted.get(5));
        assertThat(sample.get(1)).isSameAs(sorted.get(16));
        assertThat(sample.get(90)).isSameAs(sorted.get(995));
        // Each stratum of frequency keeps its share: a hundred summaries each, about nine sampled.
        assertThat(sample.stream().filter(c -> c.frequency() == 3)).hasSizeBetween(9, 10);
    }
}
