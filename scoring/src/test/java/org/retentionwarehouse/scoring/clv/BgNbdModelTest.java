package org.retentionwarehouse.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BgNbdModelTest {

    /** FHL 2005's CDNOW estimates, weeks. */
    private static final BgNbdModel CDNOW = new BgNbdModel(0.243, 4.414, 0.793, 2.426);

    private static CustomerRfm customer(int x, double recency, double age) {
        return new CustomerRfm("c", x, recency, age, x > 0 ? 10 : Double.NaN);
    }

    @Test
    void recentBuyersAreMoreLikelyAliveThanThoseWhoStoppedLongAgo() {
        CustomerRfm recent = customer(6, 38, 39);
        CustomerRfm longAgo = customer(6, 8, 39);

        assertThat(CDNOW.probabilityAlive(recent)).isGreaterThan(0.85);
        assertThat(CDNOW.probabilityAlive(longAgo)).isLessThan(0.01);
        assertThat(CDNOW.probabilityAlive(recent)).isGreaterThan(CDNOW.probabilityAlive(longAgo));
    }

    @Test
    void aCustomerWhoNeverBoughtAgainIsAlive() {
        assertThat(CDNOW.probabilityAlive(customer(0, 0, 39))).isEqualTo(1);
        assertThat(CDNOW.probabilityAlive(customer(0, 0, 5000))).isEqualTo(1);
    }

    @Test
    void aLongSilenceAfterManyPurchasesMeansDeadWithoutOverflow() {
        assertThat(CDNOW.probabilityAlive(customer(500, 1, 5000))).isZero();
    }

    /** Reference values from SciPy's hyp2f1 with the same formulas, FHL 2005 eqs. (9) and (10). */
    @Test
    void predictionsMatchAnIndependentImplementation() {
        assertThat(CDNOW.expectedTransactions(0)).isZero();
        assertThat(CDNOW.expectedTransactions(0.5)).isCloseTo(0.02706504632509459, within(1e-12));
        assertThat(CDNOW.expectedTransactions(39)).isCloseTo(1.1967231933207985, within(1e-12));
        assertThat(CDNOW.expectedTransactions(78)).isCloseTo(1.8605190579427455, within(1e-12));
        assertThat(CDNOW.expectedTransactions(520)).isCloseTo(4.974617861849564, within(1e-11));

        // Hardie's worked example: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks.
        CustomerRfm example = customer(2, 30.43, 38.86);
        assertThat(CDNOW.probabilityAlive(example)).isCloseTo(0.726578570080673, within(1e-12));
        assertThat(CDNOW.conditionalExpectedTransactions(39, example)).isCloseTo(1.226028174767135, within(1e-11));
        assertThat(CDNOW.conditionalExpectedTransactions(520, example)).isCloseTo(7.319313811711092, within(1e-10));
        assertThat(CDNOW.conditionalExpectedTransactions(39, customer(0, 0, 38.86)))
                .isCloseTo(0.19509805201125396, within(1e-12));
        assertThat(CDNOW.conditionalExpectedTransactions(39, customer(2, 5, 38.86)))
                .isCloseTo(0.20869572822244112, within(1e-12));
        assertThat(CDNOW.conditionalExpectedTransactions(520, customer(30, 38.5, 38.86)))
                .isCloseTo(102.56235382912031, within(1e-8));
    }

    @Test
    void noPurchaseInAHorizonIsDeadAlreadyOrAliveAndSilent() {
        // Hardie's example: dead with 1 - 0.7266, or alive with a Gamma(r + 2, alpha + T) rate and no purchase
        // in 39 weeks, ((alpha + T) / (alpha + T + 39))^(r + 2), worked out separately.
        CustomerRfm example = customer(2, 30.43, 38.86);
        assertThat(CDNOW.probabilityNoTransactions(39, example)).isCloseTo(0.44537286208299554, within(1e-12));
        // Never bought again: alive for sure, so only the silence counts.
        assertThat(CDNOW.probabilityNoTransactions(39, customer(0, 0, 38.86))).isCloseTo(0.8554494592166816, within(1e-12));
        assertThat(CDNOW.probabilityNoTransactions(0, example)).isCloseTo(1, within(1e-15));
        // Longer horizons leave less room for silence, down to the chance of being dead.
        assertThat(CDNOW.probabilityNoTransactions(520, example)).isLessThan(CDNOW.probabilityNoTransactions(39, example))
                .isGreaterThan(1 - CDNOW.probabilityAlive(example));
    }

    @Test
    void conditionalExpectationGrowsWithTheHorizon() {
        CustomerRfm customer = customer(3, 20, 39);
        assertThat(CDNOW.conditionalExpectedTransactions(0, customer)).isZero();
        double previous = 0;
        for (int weeks = 1; weeks <= 104; weeks++) {
            double expected = CDNOW.conditionalExpectedTransactions(weeks, customer);
            assertThat(expected).isGreaterThan(previous);
            previous = expected;
        }
    }

    @Test
    void rejectsImpossibleParametersAndHorizons() {
        assertThatThrownBy(() -> new BgNbdModel(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BgNbdModel(1, Double.NaN, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CDNOW.expectedTransactions(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fittingNeedsCustomers() {
        assertThatThrownBy(() -> BgNbdModel.fit(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void likelihoodGradientIsExact() {
        List<CustomerRfm> customers = List.of(customer(0, 0, 30), customer(1, 3, 30), customer(4, 25.5, 39),
                customer(12, 38, 38.5));
        GradientCheck.assertGradientMatchesFiniteDifferences(new BgNbdLikelihood(customers),
                Math.log(0.3), Math.log(5), Math.log(0.7), Math.log(2.2));
        GradientCheck.assertGradientMatchesFiniteDifferences(new BgNbdLikelihood(customers), 0.5, -1, 1, -0.5);
    }
}
