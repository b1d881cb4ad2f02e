package org.retentionwarehouse.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClvLifetimeValueTest {

    private static final BgNbdModel PURCHASES = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
    private static final GammaGammaModel SPEND = new GammaGammaModel(6.25, 3.74, 15.44);
    private static final CustomerLifetimeValue CLV = new CustomerLifetimeValue(PURCHASES, SPEND);
    private static final CustomerRfm CUSTOMER = new CustomerRfm("c", 2, 30.43, 38.86, 20);

    @Test
    void undiscountedValueIsExpectedPurchasesTimesExpectedSpend() {
        double expected = PURCHASES.conditionalExpectedTransactions(52, CUSTOMER) * SPEND.expectedAverageSpend(CUSTOMER);
        assertThat(CLV.value(CUSTOMER, 52)).isCloseTo(expected, within(1e-12));
        assertThat(CLV.value(CUSTOMER, 0)).isZero();
    }

    @Test
    void discountingLowersTheValueAndVanishesAsTheRateGoesToZero() {
        double undiscounted = CLV.value(CUSTOMER, 52.5);
        assertThat(CLV.value(CUSTOMER, 52.5, 0.002)).isLessThan(undiscounted);
        assertThat(CLV.value(CUSTOMER, 52.5, 1e-12)).isCloseTo(undiscounted, within(1e-8));
        assertThat(CLV.value(CUSTOMER, 52.5, 0.01)).isLessThan(CLV.value(CUSTOMER, 52.5, 0.002));
    }

    @Test
    void discountsEachPeriodsPurchasesAtItsEnd() {
        double firstWeek = PURCHASES.conditionalExpectedTransactions(1, CUSTOMER);
        double secondHalfWeek = PURCHASES.conditionalExpectedTransactions(1.5, CUSTOMER) - firstWeek;
        double spend = SPEND.expectedAverageSpend(CUSTOMER);
        assertThat(CLV.value(CUSTOMER, 1.5, 0.1))
                .isCloseTo(spend * (firstWeek / 1.1 + secondHalfWeek / Math.pow(1.1, 1.5)), within(1e-12));
    }

    @Test
    void rejectsNegativeRates() {
        assertThatThrownBy(() -> CLV.value(CUSTOMER, 52, -0.01)).isInstanceOf(IllegalArgumentException.class);
    }
}
