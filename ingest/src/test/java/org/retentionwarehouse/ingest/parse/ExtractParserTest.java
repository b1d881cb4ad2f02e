package org.retentionwarehouse.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.StoreRegistry;

/** The parser on hand-written files in the simulator's three dialects. */
class ExtractParserTest {

    @TempDir
    Path dir;

    StoreRegistry registry;
    ExtractParser parser;

    @BeforeEach
    void registry() throws IOException {
        parser = parser(dialects());
    }

    private String dialects() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/org/retentionwarehouse/simulator/dialects.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private ExtractParser parser(String dialects) throws IOException {
        Path stores = dir.resolve("stores.yaml");
        Files.writeString(stores, """
                stores:
                  - {id: A, name: a, calling_capacity: 5, dialect: alpha_csv}
                  - {id: B, name: b, calling_capacity: 5, dialect: beta_gbk}
                  - {id: G, name: g, calling_capacity: 5, dialect: gamma_jsonl}
                """ + dialects);
        registry = StoreRegistry.load(stores);
        return new ExtractParser(registry, "k".getBytes(StandardCharsets.UTF_8), new Configuration());
    }

    @Test
    void aDateFormatWithOptionalSectionsReadsEverySpellingItNames() throws IOException {
        String dialects = dialects();
        String alpha = "date_format: yyyy-MM-dd\n";
        assertThat(dialects).contains(alpha);
        ExtractParser mixed = parser(dialects.replaceFirst(alpha, "date_format: \"[yyyy-MM-dd][yyyy/MM/dd][ HH:mm[:ss]]\"\n"));
        String sales = "SalesOrderNo,CustomerNo,VIN,OrderDate,Amount,SaleType\n"
                + "S1,K1,LFV3A21K2A3000001,2026-10-31,100.00,NEW\n"
                + "S2,K1,LFV3A21K2A3000001,2026/10/30 09:15,100.00,NEW\n"
                + "S3,K1,LFV3A21K2A3000001,2026/10/29 09:15:30,100.00,NEW\n"
                + "S4,K1,LFV3A21K2A3000001,29.10.2026,100.00,NEW\n";
        List<Row> rows = mixed.parse(write("A", "alpha_csv", "sale", "sales_20261101.csv", StandardCharsets.UTF_8, sales));
        assertThat(rows).extracting(r -> r.getString(6)).containsExactly(null, null, null, "bad_date");
        assertThat(rows.subList(0, 3)).extracting(r -> r.getJavaMap(9).get("order_date"))
                .containsExactly("2026-10-31", "2026-10-30", "2026-10-29");
    }

    @Test
    void gbkCsvWithChineseHeadersGroupedAmountsAndSlashDates() throws IOException {
        String header = "销售单号,客户编号,车架号,销售日期,成交金额,销售类型";
        SourceFile file = write("B", "beta_gbk", "sale", "XIAOSHOU_20261101.csv", Charset.forName("GBK"),
                header + "\n"
                        + "X1,K1,LFV3A21K2A3000001,2026/10/31,\"231,500.00\",新车\n"
                        + "X2,K1,LFV3A21K2A3000001,2026/02/30,\"1,000.00\",新车\n"
                        + "X3,K1,LFV3A21K2A3000001,2026/10/31,\"-5.00\",新车\n"
                        + "X4,K1,LFV3A21K2A3000001,2026/10/31,\"5.00\",火箭\n"
                        + "X5,K1,LFV3A21K2A3000001,2026/10/31\n");
        List<Row> rows = parser.parse(file);
        assertThat(rows).hasSize(5);
        Map<String, String> first = rows.get(0).getJavaMap(9);
        assertThat(first).containsEntry("amount", "231500.00").containsEntry("order_date", "2026-10-31")
                .containsEntry("sale_type", "new");
        assertThat(rows.subList(1, 5)).extracting(r -> r.getString(6))
                .containsExactly("bad_date", "negative_amount", "unknown_code", "wrong_field_count");
        assertThat(rows).extracting(r -> r.getInt(4)).containsExactly(2, 3, 4, 5, 6);
    }

    @Test
    void numbersTooLargeForTheirColumnAreQuarantinedNotLeftToFailTheNight() throws IOException {
        String sales = "销售单号,客户编号,车架号,销售日期,成交金额,销售类型\n"
                + "X1,K1,LFV3A21K2A3000001,2026/10/31,\"999,999,999,999.99\",新车\n"
                + "X2,K1,LFV3A21K2A3000001,2026/10/31,\"1,000,000,000,000.00\",新车\n"
                + "X3,K1,LFV3A21K2A3000001,2026/10/31,\"999,999,999,999.995\",新车\n";
        assertThat(parser.parse(write("B", "beta_gbk", "sale", "XIAOSHOU_20261101.csv", Charset.forName("GBK"), sales)))
                .extracting(r -> r.getString(6)).containsExactly(null, "bad_number", "bad_number");
        String lines = "RONo,LineNo,LineType,ItemCode,Description,Qty,Amount,Technician\n"
                + "R1,2147483647,P,C1,机油,1,100.00,李四\n"
                + "R1,2147483648,P,C1,机油,1,100.00,李四\n";
        List<Row> rows = parser.parse(write("A", "alpha_csv", "service_line", "repair_lines_20261101.csv", StandardCharsets.UTF_8,
                lines));
        assertThat(rows).extracting(r -> r.getString(6)).containsExactly(null, "bad_number");
        assertThat(rows.get(1).getString(7)).contains("2147483648").contains("whole number");
    }

    @Test
    void brokenBytesAreQuarantinedAsBrokenEncoding() throws IOException {
        byte[] good = "RONo,LineNo,LineType,ItemCode,Description,Qty,Amount,Technician\nR1,1,P,C1,机油,1,100.00,李四\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] bad = "R1,2,P,C2,\u6ee4".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(good);
        content.write(bad, 0, bad.length - 1);
        content.write(",1,20.00,李四\n".getBytes(StandardCharsets.UTF_8));
        Path path = dir.resolve("repair_lines_20261101.csv");
        Files.write(path, content.toByteArray());
        List<Row> rows = parser.parse(new SourceFile("A", "alpha_csv", "service_line", path.toUri().toString(),
                "A/2026-11-01/repair_lines_20261101.csv", LocalDate.of(2026, 11, 1)));
        assertThat(rows).extracting(r -> r.getString(6)).containsExactly(null, "broken_encoding");
    }

    @Test
    void aFileCutOffMidRowKeepsEveryWholeRowAndQuarantinesTheCutOne() throws IOException {
        String header = "销售单号,客户编号,车架号,销售日期,成交金额,销售类型\n";
        String whole = "X1,K1,LFV3A21K2A3000001,2026/10/31,\"231,500.00\",新车\n"
                + "X2,K1,LFV3A21K2A3000001,2026/10/31,\"1,000.00\",新车\n";
        // The transfer stopped in the middle of a row (no newline at the end), once inside a quoted field.
        for (String cut : List.of("X3,K1,LFV3A21K2A30", "X3,K1,LFV3A21K2A3000001,2026/10/31,\"1,0")) {
            List<Row> rows = parser.parse(write("B", "beta_gbk", "sale", "XIAOSHOU_20261101.csv", Charset.forName("GBK"),
                    header + whole + cut));
            assertThat(rows).as(cut).hasSize(3);
            assertThat(rows).extracting(r -> r.getString(6)).as(cut).containsExactly(null, null, "wrong_field_count");
            assertThat(rows.get(2).getInt(4)).isEqualTo(4);
        }
    }

    @Test
    void aQuotedFieldWithLineBreaksIsOneRecordAndAQuoteThatNeverClosesIsOneBadLine() throws IOException {
        String csv = "RONo,LineNo,LineType,ItemCode,Description,Qty,Amount,Technician\r\n"
                + "R1,1,P,C1,\"机油\r\n更换, \"\"全合成\"\"\r\n\",1,100.00,李四\r\n"
                + "R1,2,P,C2,\"滤芯,1,20.00,李四\r\n"
                + "R1,3,P,C3,空滤,1,30.00,李四\r\n";
        List<Row> rows = parser.parse(write("A", "alpha_csv", "service_line", "repair_lines_20261101.csv", StandardCharsets.UTF_8, csv));
        // Lines 2-4 are one record, read from its first line; no later line closes line 5's quote, so
        // it is one bad line and line 6 is read on its own.
        assertThat(rows).extracting(r -> r.getInt(4)).containsExactly(2, 5, 6);
        assertThat(rows).extracting(r -> r.getString(6)).containsExactly(null, "wrong_field_count", null);
        assertThat(rows.get(0).getJavaMap(9)).containsEntry("description", "机油\n更换, \"全合成\"").containsEntry("amount", "100.00");
        assertThat(rows.get(2).getJavaMap(9)).containsEntry("item_code", "C3");

        // A stray quote that the next row's quoted amount "closes" makes no record of the header's
        // width: the two are not joined, and the next row loads.
        String sales = "销售单号,客户编号,车架号,销售日期,成交金额,销售类型\n"
                + "X1,K1,LFV3A21K2A3000001,2026/10/31,\"231,500.00,新车\n"
                + "X2,K1,LFV3A21K2A3000001,2026/10/31,\"1,000.00\",新车\n";
        assertThat(parser.parse(write("B", "beta_gbk", "sale", "XIAOSHOU_20261101.csv", Charset.forName("GBK"), sales)))
                .extracting(r -> r.getInt(4) + " " + r.getString(6)).containsExactly("2 wrong_field_count", "3 null");
    }

    @Test
    void aFileInTheWrongEncodingIsRejectedRowByRowOrAtItsHeaderNeverLoadedGarbled() throws IOException {
        // A UTF-8 store's file saved as GBK: its English header reads fine, every row with Chinese text is quarantined.
        SourceFile gbk = write("A", "alpha_csv", "service_line", "repair_lines_20261101.csv", Charset.forName("GBK"),
                "RONo,LineNo,LineType,ItemCode,Description,Qty,Amount,Technician\n"
                        + "R1,1,P,C1,机油,1,100.00,李四\nR1,2,L,,工时,1,50.00,王五\nR2,1,P,C9,OIL,1,80.00,\n");
        assertThat(parser.parse(gbk)).extracting(r -> r.getString(6)).containsExactly("broken_encoding", "broken_encoding", null);
        // A GBK store's file saved as UTF-8: its Chinese header does not read as GBK, so the file stops the step.
        SourceFile utf8 = write("B", "beta_gbk", "sale", "XIAOSHOU_20261101.csv", StandardCharsets.UTF_8,
                "销售单号,客户编号,车架号,销售日期,成交金额,销售类型\nX1,K1,LFV3A21K2A3000001,2026/10/31,\"231,500.00\",新车\n");
        assertThatThrownBy(() -> parser.parse(utf8)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store 'B'").hasMessageContaining("XIAOSHOU_20261101.csv");
    }

    @Test
    void jsonLinesWithNestedRepairLines() throws IOException {
        String order = "{\"roNo\":\"G-1\",\"customerId\":\"c9\",\"vehicle\":{\"vin\":\"LFV3A21K2A3000001\",\"odometer\":12000},"
                + "\"openedAt\":\"2026-10-30T09:15:00+08:00\",\"type\":\"10\",\"total\":350.5,"
                + "\"items\":[{\"seq\":1,\"kind\":\"PART\",\"code\":\"P1\",\"name\":\"机油\",\"qty\":1,\"amount\":300.5},"
                + "{\"seq\":2,\"kind\":\"LABOR\",\"name\":\"工时\",\"qty\":1,\"amount\":50}]}";
        SourceFile orders = write("G", "gamma_jsonl", "service_order", "repair-orders-20261101.jsonl", StandardCharsets.UTF_8,
                order + "\n{\"roNo\":\"G-2\",\"custom\n");
        List<Row> rows = parser.parse(orders);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).<String, String>getJavaMap(9)).containsEntry("open_date", "2026-10-30")
                .containsEntry("mileage", "12000").containsEntry("service_type", "maintenance");
        assertThat(rows.get(1).getString(6)).isEqualTo("malformed_json");

        List<Row> lines = parser.parse(new SourceFile("G", "gamma_jsonl", "service_line", orders.uri(), orders.name(),
                orders.businessDate()));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).<String, String>getJavaMap(9)).containsEntry("order_id", "G-1")
                .containsEntry("line_type", "labour").containsEntry("line_no", "2");
    }

    @Test
    void aJsonLineWithoutAnArrayWhereTheDialectSaysIsQuarantinedAndAFirstLineWithoutOneStopsTheNight() throws IOException {
        String order = "{\"roNo\":\"G-1\",\"items\":[{\"seq\":1,\"kind\":\"PART\",\"qty\":1,\"amount\":300.5}]}";
        String notAnArray = "{\"roNo\":\"G-2\",\"items\":{\"seq\":1,\"kind\":\"PART\",\"qty\":1,\"amount\":1}}";
        SourceFile file = write("G", "gamma_jsonl", "service_line", "repair-orders-20261101.jsonl", StandardCharsets.UTF_8,
                order + "\n" + notAnArray + "\n");
        parser.checkHeader(file);
        assertThat(parser.parse(file)).extracting(r -> r.getString(6)).containsExactly(null, "malformed_json");

        SourceFile misnamed = write("G", "gamma_jsonl", "service_line", "repair-orders-20261102.jsonl", StandardCharsets.UTF_8,
                notAnArray + "\n" + order + "\n");
        assertThatThrownBy(() -> parser.checkHeader(misnamed)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store 'G'").hasMessageContaining("repair-orders-20261102.jsonl").hasMessageContaining("'items'");
    }

    @Test
    void aRefusalFlagOrRequiredJsonPathTheRecordsDoNotHaveStopsTheNightButAnOptionalOneDoesNot() throws IOException {
        // Forty customers: none has an ID card, a gender or a birthday; one is a company (its org object holds the name).
        StringBuilder customers = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            customers.append("{\"id\":\"c").append(i).append("\",\"origin\":\"2\",\"profile\":{\"fullName\":\"王伟\",")
                    .append("\"mobile\":\"1380013").append(String.format("%04d", i)).append("\"},\"kind\":\"")
                    .append(i == 7 ? "ORG\",\"org\":{\"name\":\"某公司\"}" : "PERSON\"")
                    .append(",\"level\":\"1\",\"consent\":{\"marketingOptOut\":").append(i % 10 == 0)
                    .append(",\"blocked\":false},\"createdAt\":\"2024-01-01T09:00:00+08:00\"}\n");
        }
        SourceFile file = write("G", "gamma_jsonl", "customer", "customers-20261101.jsonl", StandardCharsets.UTF_8,
                customers.toString());
        parser.checkHeader(file);
        assertThat(parser.parse(file)).filteredOn(r -> "true".equals(r.<String, String>getJavaMap(9).get("opt_out"))).hasSize(4);

        String misspelt = dialects().replace("opt_out: consent.marketingOptOut", "opt_out: consent.marketingOptout");
        assertThat(misspelt).isNotEqualTo(dialects());
        ExtractParser wrong = parser(misspelt);
        assertThatThrownBy(() -> wrong.checkHeader(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store 'G'").hasMessageContaining("customers-20261101.jsonl")
                .hasMessageContaining("column 'opt_out' at 'consent.marketingOptout'")
                .hasMessageNotContaining("id_number").hasMessageNotContaining("company_name");
    }

    @Test
    void aHeaderMissingAMappedColumnNamesStoreFileAndColumn() throws IOException {
        SourceFile file = write("A", "alpha_csv", "lead", "leads_20261101.csv", StandardCharsets.UTF_8,
                "LeadNo,Name,VisitDate,InterestedModel,Source\n");
        assertThatThrownBy(() -> parser.checkHeader(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store 'A'").hasMessageContaining("leads_20261101.csv").hasMessageContaining("'Mobile'");
    }

    @Test
    void aRejectedCustomerRowKeepsWhatCanBeReadOfItsRefusal() throws IOException {
        String header = "CustomerNo,System,Name,Mobile,IdCardNo,Gender,BirthDate,CustomerType,Company,Tier,OptOut,Blacklist,City,CreatedOn\n";
        List<Row> rows = parser.parse(write("A", "alpha_csv", "customer", "customers_20261101.csv", StandardCharsets.UTF_8, header
                + "K1,CRM,王伟,138 0000 0001,,M,1980-02-30,P,,REG,Y,N,杭州,2020-01-01\n"    // opts out; bad birth date
                + "K2,CRM,李娜,13800000002,,F,1981-01-01,P,,REG,是,N,杭州,2020-01-01\n"     // an opt-out the dialect cannot read
                + "K3,CRM,张敏,13800000003,,F,1982-13-01,P,,REG,N,N,杭州,2020-01-01\n"));   // bad date, no refusal
        assertThat(rows).extracting(r -> r.getString(6)).containsExactly("bad_date", "unknown_code", "bad_date");
        assertThat(rows.get(0).<String, String>getJavaMap(9)).containsEntry("refusal", "true").containsEntry("source_id", "K1")
                .containsEntry("phone", "13800000001").containsEntry("name", "王伟");
        assertThat(rows.get(1).<String, String>getJavaMap(9)).containsEntry("refusal", "true").containsEntry("source_id", "K2");
        assertThat(rows.get(2).isNullAt(9)).isTrue();
    }

    @Test
    void aFileThatCannotBeReadStopsTheNightNamingStoreAndFile() throws IOException {
        // Listed, then taken away before it is read (a store re-uploading; unreadable to the night's user alike).
        SourceFile file = write("A", "alpha_csv", "lead", "leads_20261102.csv", StandardCharsets.UTF_8, "LeadNo\n");
        Files.delete(Path.of(java.net.URI.create(file.uri())));
        assertThatThrownBy(() -> parser.checkHeader(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store 'A'").hasMessageContaining("leads_20261102.csv").hasMessageContaining("cannot read");
    }

    private SourceFile write(String store, String dialect, String entity, String name, Charset charset, String text)
            throws IOException {
        Path path = dir.resolve(name);
        Files.write(path, text.getBytes(charset));
        return new SourceFile(store, dialect, entity, path.toUri().toString(), store + "/2026-11-01/" + name,
                LocalDate.of(2026, 11, 1));
    }
}
