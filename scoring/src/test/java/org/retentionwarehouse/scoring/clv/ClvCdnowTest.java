package org.retentionwarehouse.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reproduces the published CDNOW estimates from the raw logs: FHL 2005 for BG/NBD (their 39-week
 * calibration, 1997-01-01 to 1997-09-30, in weeks) and Fader &amp; Hardie's 2013 note for Gamma-Gamma.
 */
class ClvCdnowTest {

    private static final LocalDate END_OF_WEEK_39 = LocalDate.of(1997, 9, 30);

    private static ClvFitResult sample;

    private static ClvFitRequest sampleRequest() {
        return ClvFitRequest.of(CdnowFiles.sample(), ColumnRef.byIndex(1), ColumnRef.byIndex(3), ColumnRef.byIndex(5))
                .withCalibrationEnd(END_OF_WEEK_39);
    }

    @BeforeAll
    static void fitSample() throws IOException {
        sample = ClvFit.fit(sampleRequest());
    }

    @Test
    void reproducesThePublishedBgNbdFit() {
        assertThat(sample.customers()).isEqualTo(2357);
        assertThat(sample.r()).isCloseTo(0.243, withinPercentage(0.5));
        assertThat(sample.alpha()).isCloseTo(4.414, withinPercentage(0.5));
        assertThat(sample.a()).isCloseTo(0.793, withinPercentage(0.5));
        assertThat(sample.b()).isCloseTo(2.426, withinPercentage(0.5));
        assertThat(sample.logLikelihood()).isCloseTo(-9582.4, within(0.1));
    }

    @Test
    void reproducesThePublishedGammaGammaFit() {
        assertThat(sample.repeatBuyers()).isEqualTo(946);
        assertThat(sample.zeroSpendRepeatBuyers()).isZero();
        assertThat(sample.p()).isCloseTo(6.25, withinPercentage(1));
        assertThat(sample.q()).isCloseTo(3.74, withinPercentage(1));
        assertThat(sample.gamma()).isCloseTo(15.44, withinPercentage(1));
    }

    @Test
    void printsOneNameValueLinePerFigure() {
        assertThat(sample.toLines()).containsExactly(
                "r = 0.242595", "alpha = 4.41360", "a = 0.792922", "b = 2.42591", "log-likelihood = -9582.4292",
                "p = 6.24957", "q = 3.74422", "gamma = 15.4435", "customers = 2357", "repeat buyers = 946");
    }

    @Test
    void theSampleIdColumnGroupsCustomersTheSameWay() throws IOException {
        ClvFitResult bySampleId = ClvFit.fit(sampleRequest().withFormat(
                TransactionLogFormat.of(ColumnRef.byIndex(2), ColumnRef.byIndex(3), ColumnRef.byIndex(5))));

        assertThat(bySampleId.bgNbd()).isEqualTo(sample.bgNbd());
        assertThat(bySampleId.gammaGamma()).isEqualTo(sample.gammaGamma());
    }

    /**
     * Counting in days instead of weeks rescales α by 7 and leaves r, a, b alone; each repeat
     * purchase's density then carries a factor 1/7, so the log-likelihood drops by Σx ln 7.
     */
    @Test
    void daysAndWeeksGiveTheSameModel() throws IOException {
        ClvFitResult days = ClvFit.fit(sampleRequest().withUnit(PeriodUnit.DAY));

        assertThat(days.r()).isCloseTo(sample.r(), withinPercentage(1e-4));
        assertThat(days.alpha()).isCloseTo(7 * sample.alpha(), withinPercentage(1e-4));
        assertThat(days.a()).isCloseTo(sample.a(), withinPercentage(1e-4));
        assertThat(days.b()).isCloseTo(sample.b(), withinPercentage(1e-4));
        assertThat(days.gammaGamma()).isEqualTo(sample.gammaGamma());
        PurchaseHistories histories = new PurchaseHistories();
        new TransactionLogReader(sampleRequest().format()).read(CdnowFiles.sample(), histories);
        int repeatPurchases = RfmSummary.of(histories, END_OF_WEEK_39, PeriodUnit.DAY).customers().stream()
                .mapToInt(CustomerRfm::frequency).sum();
        assertThat(days.logLikelihood()).isCloseTo(sample.logLikelihood() - repeatPurchases * Math.log(7), within(1e-6));
    }

    /**
     * The full cohort has no published fit; the reference is an independent SciPy implementation
     * (Nelder-Mead on the same likelihoods and conventions). One repeat buyer only ever bought
     * free items again, so 9,450 of the 9,451 inform the Gamma-Gamma fit.
     */
    @Test
    void fitsTheMasterFileLikeAnIndependentImplementation() throws IOException {
        ClvFitResult master = ClvFit.fit(ClvFitRequest.of(CdnowFiles.master(), ColumnRef.byIndex(1),
                ColumnRef.byIndex(2), ColumnRef.byIndex(4)).withCalibrationEnd(END_OF_WEEK_39));

        assertThat(master.customers()).isEqualTo(23570);
        assertThat(master.repeatBuyers()).isEqualTo(9451);
        assertThat(master.zeroSpendRepeatBuyers()).isEqualTo(1);
        assertThat(master.r()).isCloseTo(0.25162396, withinPercentage(0.01));
        assertThat(master.alpha()).isCloseTo(4.78894274, withinPercentage(0.01));
        assertThat(master.a()).isCloseTo(0.72343353, withinPercentage(0.01));
        assertThat(master.b()).isCloseTo(2.16108849, withinPercentage(0.01));
        assertThat(master.logLikelihood()).isCloseTo(-95368.44393, within(1e-3));
        assertThat(master.p()).isCloseTo(6.27535933, withinPercentage(0.01));
        assertThat(master.q()).isCloseTo(3.62444983, withinPercentage(0.01));
        assertThat(master.gamma()).isCloseTo(14.98368527, withinPercentage(0.01));
    }
}
