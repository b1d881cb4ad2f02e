package org.retentionwarehouse.scoring.clv;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What {@link ClvFit} fits: a transaction log, how to read it, and the calibration period.
 *
 * @param transactions   the transaction log
 * @param format         its columns and layout
 * @param calibrationEnd the last day of the calibration period (inclusive), or {@code null} for
 *                       the last date in the log
 * @param unit           the time unit of recency, age and α
 */
public record ClvFitRequest(Path transactions, TransactionLogFormat format, LocalDate calibrationEnd,
        PeriodUnit unit) {

    public ClvFitRequest {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(unit, "unit");
    }

    /** Detected layout, calibration to the log's last date, weeks. */
    public static ClvFitRequest of(Path transactions, ColumnRef customer, ColumnRef date, ColumnRef amount) {
        return new ClvFitRequest(transactions, TransactionLogFormat.of(customer, date, amount), null, PeriodUnit.WEEK);
    }

    public ClvFitRequest withFormat(TransactionLogFormat newFormat) {
        return new ClvFitRequest(transactions, newFormat, calibrationEnd, unit);
    }

    public ClvFitRequest withCalibrationEnd(LocalDate newCalibrationEnd) {
        return new ClvFitRequest(transactions, format, newCalibrationEnd, unit);
    }

    public ClvFitRequest withUnit(PeriodUnit newUnit) {
        return new ClvFitRequest(transactions, format, calibrationEnd, newUnit);
    }
}
