package org.retentionwarehouse.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionLogReaderTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<Transaction> read(Path file, TransactionLogFormat format) throws IOException {
        List<Transaction> transactions = new ArrayList<>();
        long count = new TransactionLogReader(format).read(file, transactions::add);
        assertThat(count).isEqualTo(transactions.size());
        return transactions;
    }

    private static TransactionLogFormat columns(String customer, String date, String amount) {
        return TransactionLogFormat.of(ColumnRef.parse(customer), ColumnRef.parse(date), ColumnRef.parse(amount));
    }

    private static Transaction transaction(String customer, String date, double amount) {
        return new Transaction(customer, LocalDate.parse(date), amount);
    }

    @Test
    void readsCdnowsHeaderlessWhitespaceLayoutByIndex() throws IOException {
        Path log = file("CDNOW_sample.txt", " 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n\r\n"
                + " 00021 0002 19970101  3   63.34\r\n");

        assertThat(read(log, columns("1", "3", "5"))).containsExactly(
                transaction("00004", "1997-01-01", 29.33),
                transaction("00004", "1997-01-18", 29.73),
                transaction("00021", "1997-01-01", 63.34));
    }

    @Test
    void detectsAndSkipsAHeaderWhenColumnsAreChosenByIndex() throws IOException {
        Path log = file("master.txt", " customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n");

        assertThat(read(log, columns("1", "2", "4"))).containsExactly(transaction("00001", "1997-01-01", 11.77));
    }

    @Test
    void readsCsvColumnsByHeaderNameInAnyCaseWithQuotesIsoDatesAndByteOrderMark() throws IOException {
        Path log = file("export.csv", "\uFEFFStore,Customer,Visit Date,Amount\n"
                + "S1,\"Wang, Lei\",2024-03-05,1200.50\n"
                + "S2,\"Li \"\"Jr\"\"\",2024-03-06T09:30:00,80\n");

        assertThat(read(log, columns("customer", "VISIT DATE", "amount"))).containsExactly(
                transaction("Wang, Lei", "2024-03-05", 1200.50),
                transaction("Li \"Jr\"", "2024-03-06", 80));
    }

    @Test
    void readsSemicolonAndTabFilesAndDatePatterns() throws IOException {
        Path semicolon = file("semicolon.csv", "id;day;value\nA;05.03.2024;10\n");
        Path tab = file("tab.tsv", "A\t20240305\t10\nB\t2024-03-06\t-2.5\n");

        assertThat(read(semicolon, columns("id", "day", "value").withDates(DateParser.ofPattern("dd.MM.yyyy"))))
                .containsExactly(transaction("A", "2024-03-05", 10));
        assertThat(read(tab, columns("1", "2", "3").withHeader(TransactionLogFormat.HeaderRow.ABSENT)))
                .containsExactly(transaction("A", "2024-03-05", 10), transaction("B", "2024-03-06", -2.5));
    }

    @Test
    void takesAnExplicitDelimiterOverDetection() throws IOException {
        Path log = file("spaces.txt", "A,B 20240305 15\n");

        assertThat(read(log, columns("1", "2", "3").withDelimiter(Delimiter.WHITESPACE)))
                .containsExactly(transaction("A,B", "2024-03-05", 15));
    }

    @Test
    void badLinesNameTheFileAndTheLine() throws IOException {
        Path badDate = file("bad-date.txt", " 00001 19970101 1 11.77\n 00002 19971399 1 12.00\n");
        Path badAmount = file("bad-amount.csv", "customer,date,amount\n\nc1,2024-01-01,12x\n");
        Path short_ = file("short.txt", " 00001 19970101 1 11.77\n 00002 19970102\n");

        assertThatThrownBy(() -> read(badDate, columns("1", "2", "4")))
                .isInstanceOf(TransactionLogException.class)
                .hasMessageStartingWith(badDate + " line 2: bad date '19971399' (expected yyyyMMdd or yyyy-MM-dd)")
                .extracting(e -> ((TransactionLogException) e).line()).isEqualTo(2L);
        assertThatThrownBy(() -> read(badAmount, columns("customer", "date", "amount")))
                .hasMessageStartingWith(badAmount + " line 3: bad amount '12x' in column 3");
        assertThatThrownBy(() -> read(short_, columns("1", "2", "4")))
                .hasMessageStartingWith(short_ + " line 2: 2 whitespace-separated fields, need at least 4");
    }

    @Test
    void aMissingHeaderColumnIsNamed() throws IOException {
        Path log = file("export.csv", "customer,date,total\nc1,2024-01-01,12\n");

        assertThatThrownBy(() -> read(log, columns("customer", "date", "amount")))
                .isInstanceOf(TransactionLogException.class)
                .hasMessageContaining("line 1: no column 'amount' in header [customer, date, total]");
    }

    @Test
    void readsOtherCharsetsAndReportsTheLineThatIsNotText() throws IOException {
        Path log = dir.resolve("latin1.csv");
        Files.write(log, "customer,date,amount\nc1,2024-01-01,3\nM\u00fcller,2024-01-01,12\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        TransactionLogFormat format = columns("customer", "date", "amount");

        assertThat(read(log, format.withCharset(StandardCharsets.ISO_8859_1)))
                .extracting(Transaction::customerId).containsExactly("c1", "M\u00fcller");
        assertThatThrownBy(() -> read(log, format))
                .isInstanceOf(TransactionLogException.class)
                .hasMessage(log + " line 3: not UTF-8 text");
    }

    @Test
    void namedColumnsNeedAHeader() {
        assertThatThrownBy(() -> columns("customer", "2", "3").withHeader(TransactionLogFormat.HeaderRow.ABSENT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void columnSpecsAreIndexesWhenNumeric() {
        assertThat(ColumnRef.parse("3")).isEqualTo(ColumnRef.byIndex(3));
        assertThat(ColumnRef.parse(" amount ")).isEqualTo(ColumnRef.byName("amount"));
        assertThatThrownBy(() -> ColumnRef.parse("0")).isInstanceOf(IllegalArgumentException.class);
    }
}
