package org.retentionwarehouse.scoring.clv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How to read a transaction log: which columns hold the customer, the date and the amount, and
 * how the file is laid out.
 *
 * @param customer  the customer-id column
 * @param date      the transaction-date column
 * @param amount    the transaction-value column (decimal point, no thousands separators)
 * @param delimiter the field separator, or {@code null} to {@linkplain Delimiter#detect detect} it
 *                  from the first non-blank line
 * @param header    whether the first non-blank line names the columns
 * @param dates     how date fields are parsed
 * @param charset   the file's text encoding
 */
public record TransactionLogFormat(ColumnRef customer, ColumnRef date, ColumnRef amount,
        Delimiter delimiter, HeaderRow header, DateParser dates, Charset charset) {

    /** Whether a log starts with a header row. */
    public enum HeaderRow {
        /**
         * Present if any column is chosen by name; otherwise present exactly when the first line's
         * date field is not a date and its amount field is not a number (CDNOW's master file has
         * a header, its sample file has none).
         */
        DETECT,
        PRESENT,
        ABSENT
    }

    public TransactionLogFormat {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(dates, "dates");
        Objects.requireNonNull(charset, "charset");
        if (header == HeaderRow.ABSENT && anyByName(customer, date, amount)) {
            throw new IllegalArgumentException("columns chosen by name need a header row");
        }
    }

    /** Whether any column is chosen by header name. */
    public boolean namesColumns() {
        return anyByName(customer, date, amount);
    }

    private static boolean anyByName(ColumnRef... columns) {
        return Stream.of(columns).anyMatch(ColumnRef::isByName);
    }

    /** Detected delimiter and header, {@code yyyyMMdd} or ISO dates, UTF-8. */
    public static TransactionLogFormat of(ColumnRef customer, ColumnRef date, ColumnRef amount) {
        return new TransactionLogFormat(customer, date, amount, null, HeaderRow.DETECT, DateParser.detecting(),
                StandardCharsets.UTF_8);
    }

    public TransactionLogFormat withDelimiter(Delimiter newDelimiter) {
        return new TransactionLogFormat(customer, date, amount, newDelimiter, header, dates, charset);
    }

    public TransactionLogFormat withHeader(HeaderRow newHeader) {
        return new TransactionLogFormat(customer, date, amount, delimiter, newHeader, dates, charset);
    }

    public TransactionLogFormat withDates(DateParser newDates) {
        return new TransactionLogFormat(customer, date, amount, delimiter, header, newDates, charset);
    }

    public TransactionLogFormat withCharset(Charset newCharset) {
        return new TransactionLogFormat(customer, date, amount, delimiter, header, dates, newCharset);
    }
}
