package org.retentionwarehouse.scoring.clv;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/**
 * Fits BG/NBD and Gamma-Gamma to a transaction log in one call, for the command line: read the log
 * ({@link TransactionLogReader}), summarise each customer over the calibration period
 * ({@link RfmSummary}), fit {@link BgNbdModel} on every customer and {@link GammaGammaModel} on the
 * repeat buyers with a positive mean spend.
 */
public final class ClvFit {

    private ClvFit() {
    }

    /**
     * @throws TransactionLogException  if the log has a malformed line
     * @throws IllegalArgumentException if no customer bought on or before the calibration end, or no
     *                                  repeat buyer has a positive spend
     * @throws IllegalStateException    if a likelihood has no reachable maximum (degenerate data)
     */
    public static ClvFitResult fit(ClvFitRequest request) throws IOException {
        PurchaseHistories histories = new PurchaseHistories();
        new TransactionLogReader(request.format()).read(request.transactions(), histories);
        LocalDate end = request.calibrationEnd() != null
                ? request.calibrationEnd()
                : histories.lastDate().orElseThrow(() -> new IllegalArgumentException(
                        request.transactions() + " holds no transactions"));
        RfmSummary summary = RfmSummary.of(histories, end, request.unit());
        List<CustomerRfm> customers = summary.customers();
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("no customer in " + request.transactions()
                    + " bought on or before " + end);
        }
        BgNbdModel bgNbd = BgNbdModel.fit(customers);
        List<CustomerRfm> repeatBuyers = summary.repeatBuyers();
        GammaGammaModel gammaGamma = GammaGammaModel.fit(repeatBuyers);
        int zeroSpend = (int) repeatBuyers.stream().filter(c -> !GammaGammaModel.canLearnFrom(c)).count();
        return new ClvFitResult(bgNbd, bgNbd.logLikelihood(customers), gammaGamma, customers.size(),
                repeatBuyers.size(), zeroSpend, end, request.unit());
    }
}
