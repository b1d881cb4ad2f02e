package org.retentionwarehouse.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClvRfmSummaryTest {

    private static final LocalDate END = LocalDate.of(1997, 9, 30);

    private static Map<String, CustomerRfm> summarise(PeriodUnit unit, Transaction... transactions) {
        PurchaseHistories histories = new PurchaseHistories();
        List.of(transactions).forEach(histories);
        return RfmSummary.of(histories, END, unit).customers().stream()
                .collect(Collectors.toMap(CustomerRfm::customerId, Function.identity()));
    }

    private static Transaction buy(String customer, String date, double amount) {
        return new Transaction(customer, LocalDate.parse(date), amount);
    }

    @Test
    void countsRepeatPurchaseDaysAndMeasuresFromTheFirstPurchase() {
        // CDNOW customer 00004 of the sample: the purchase in December is after calibration.
        CustomerRfm customer = summarise(PeriodUnit.WEEK,
                buy("4", "1997-01-01", 29.33), buy("4", "1997-01-18", 29.73),
                buy("4", "1997-08-02", 14.96), buy("4", "1997-12-12", 26.48)).get("4");

        assertThat(customer.frequency()).isEqualTo(2);
        assertThat(customer.recency()).isCloseTo(213 / 7.0, within(1e-12));
        assertThat(customer.age()).isCloseTo(272 / 7.0, within(1e-12));
        assertThat(customer.monetaryValue()).isCloseTo((29.73 + 14.96) / 2, within(1e-12));
    }

    @Test
    void sameDayPurchasesAreOnePurchaseWorthTheirSumInAnyOrder() {
        CustomerRfm customer = summarise(PeriodUnit.DAY,
                buy("c", "1997-03-10", 5), buy("c", "1997-03-01", 7), buy("c", "1997-03-10", 15),
                buy("c", "1997-03-01", 1), buy("c", "1997-03-20", 30)).get("c");

        assertThat(customer.frequency()).isEqualTo(2);
        assertThat(customer.recency()).isEqualTo(19);
        assertThat(customer.age()).isEqualTo(213);
        assertThat(customer.monetaryValue()).isEqualTo(25);
    }

    @Test
    void theCalibrationEndDayIsInsideAndLaterFirstBuyersAreLeftOut() {
        Map<String, CustomerRfm> customers = summarise(PeriodUnit.DAY,
                buy("onTheDay", "1997-09-01", 10), buy("onTheDay", "1997-09-30", 20),
                buy("newOnTheDay", "1997-09-30", 20),
                buy("later", "1997-10-01", 10));

        assertThat(customers).containsOnlyKeys("onTheDay", "newOnTheDay");
        assertThat(customers.get("onTheDay").frequency()).isEqualTo(1);
        assertThat(customers.get("onTheDay").recency()).isEqualTo(29);
        assertThat(customers.get("newOnTheDay")).isEqualTo(new CustomerRfm("newOnTheDay", 0, 0, 0, Double.NaN));
    }

    @Test
    void oneTimeBuyersHaveNoMonetaryValueAndAreNotRepeatBuyers() {
        PurchaseHistories histories = new PurchaseHistories();
        List.of(buy("once", "1997-02-01", 10), buy("twice", "1997-02-01", 10), buy("twice", "1997-02-08", 12))
                .forEach(histories);
        RfmSummary summary = RfmSummary.of(histories, END, PeriodUnit.WEEK);

        assertThat(summary.customers()).extracting(CustomerRfm::customerId).containsExactly("once", "twice");
        assertThat(summary.customers().get(0).monetaryValue()).isNaN();
        assertThat(summary.repeatBuyers()).extracting(CustomerRfm::customerId).containsExactly("twice");
        assertThat(histories.lastDate()).contains(LocalDate.parse("1997-02-08"));
    }
}
