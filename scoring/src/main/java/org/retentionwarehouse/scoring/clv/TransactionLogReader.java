package org.retentionwarehouse.scoring.clv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Streams a delimited text transaction log, one {@link Transaction} per non-blank data line, so
 * logs of millions of rows never sit in memory as text. Any line ending works, a leading byte-order
 * mark is dropped, and blank lines are skipped. A line that does not fit the
 * {@link TransactionLogFormat} stops the read with a {@link TransactionLogException} naming the file
 * and line: a model fitted on silently thinned data would look valid and be wrong.
 *
 * <p>CDNOW's raw files read with customer #1, date #3, amount #5 (sample: customer id, sample id,
 * date, CDs, dollars) or customer #1, date #2, amount #4 (master, whose header row is detected).
 */
public final class TransactionLogReader {

    private static final int QUOTED_LINE_LIMIT = 200;

    private final TransactionLogFormat format;

    public TransactionLogReader(TransactionLogFormat format) {
        this.format = format;
    }

    /**
     * Reads every transaction of {@code file} in file order.
     *
     * @return the number of transactions passed to {@code sink}
     * @throws TransactionLogException if a line is malformed or not text in the format's charset
     */
    public long read(Path file, Consumer<? super Transaction> sink) throws IOException {
        // Undecodable bytes become U+FFFD instead of failing the whole buffer, so the error below
        // can name the exact line.
        CharsetDecoder decoder = format.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            Columns columns = null;
            long lineNumber = 0;
            long count = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.indexOf('\uFFFD') >= 0) {
                    throw new TransactionLogException(file, lineNumber, "not " + format.charset() + " text", null);
                }
                if (line.isBlank()) {
                    continue;
                }
                Transaction transaction;
                try {
                    if (columns == null) {
                        columns = layOut(line);
                        if (columns.headerLine) {
                            continue;
                        }
                    }
                    transaction = columns.parse(line, format.dates());
                } catch (IllegalArgumentException | DateTimeException e) {
                    throw new TransactionLogException(file, lineNumber, e.getMessage() + " in: " + quote(line), e);
                }
                sink.accept(transaction);
                count++;
            }
            return count;
        }
    }

    /** Settles delimiter, header and column positions from the first non-blank line. */
    private Columns layOut(String firstLine) {
        Delimiter delimiter = format.delimiter() != null ? format.delimiter() : Delimiter.detect(firstLine);
        List<String> fields = delimiter.split(firstLine);
        if (!isHeader(fields)) {
            return new Columns(delimiter, false, format.customer().index() - 1, format.date().index() - 1,
                    format.amount().index() - 1);
        }
        return new Columns(delimiter, true, position(format.customer(), fields), position(format.date(), fields),
                position(format.amount(), fields));
    }

    private boolean isHeader(List<String> fields) {
        return switch (format.header()) {
            case PRESENT -> true;
            case ABSENT -> false;
            case DETECT -> format.namesColumns() || looksLikeHeader(fields);
        };
    }

    private boolean looksLikeHeader(List<String> fields) {
        int date = format.date().index() - 1;
        int amount = format.amount().index() - 1;
        return fields.size() > Math.max(date, amount) && !isDate(fields.get(date)) && !isNumber(fields.get(amount));
    }

    private boolean isDate(String text) {
        try {
            format.dates().parse(text);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int position(ColumnRef column, List<String> header) {
        if (!column.isByName()) {
            return column.index() - 1;
        }
        return IntStream.range(0, header.size())
                .filter(i -> header.get(i).equalsIgnoreCase(column.name()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + column + " in header "
                        + header.stream().collect(Collectors.joining(", ", "[", "]"))));
    }

    private static String quote(String line) {
        String shown = line.length() > QUOTED_LINE_LIMIT ? line.substring(0, QUOTED_LINE_LIMIT) + "..." : line;
        return "'" + shown.strip() + "'";
    }

    /** Resolved 0-based column positions. */
    private record Columns(Delimiter delimiter, boolean headerLine, int customer, int date, int amount) {

        Transaction parse(String line, DateParser dates) {
            List<String> fields = delimiter.split(line);
            int needed = Math.max(customer, Math.max(date, amount)) + 1;
            if (fields.size() < needed) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%d %s-separated fields, need at least %d", fields.size(),
                        delimiter.name().toLowerCase(Locale.ROOT), needed));
            }
            String customerId = fields.get(customer);
            if (customerId.isEmpty()) {
                throw new IllegalArgumentException("empty customer id in column " + (customer + 1));
            }
            LocalDate day = dates.parse(fields.get(date));
            return new Transaction(customerId, day, parseAmount(fields.get(amount)));
        }

        private double parseAmount(String text) {
            try {
                double value = Double.parseDouble(text);
                if (Double.isFinite(value)) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below with the column, as for a non-finite value
            }
            throw new IllegalArgumentException("bad amount '" + text + "' in column " + (amount + 1));
        }
    }
}
