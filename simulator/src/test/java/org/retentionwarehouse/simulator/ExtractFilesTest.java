package org.retentionwarehouse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.retentionwarehouse.simulator.dialect.DialectCatalog;

/** The delivered files: layout, encodings, formats, late deliveries. */
class ExtractFilesTest {

    private final Path home = DemoData.home();
    private final Extracts extracts = DemoData.extracts();
    private final SimulationSettings settings = SimulationSettings.demo(DemoData.SEED);

    @Test
    void storesYamlListsTheStoresAndCarriesTheDialectContractVerbatim() throws IOException {
        JsonNode config = Extracts.storesYaml(home);

        assertThat(config.get("stores")).hasSize(5);
        Set<String> used = new HashSet<>();
        for (JsonNode store : config.get("stores")) {
            assertThat(store.get("id").asText()).matches("S0[1-5]");
            assertThat(store.get("name").asText()).endsWith("4S店");
            assertThat(store.get("calling_capacity").asInt()).isPositive();
            used.add(store.get("dialect").asText());
        }
        assertThat(used).containsExactlyInAnyOrder("alpha_csv", "beta_gbk", "gamma_jsonl");
        assertThat(config.get("dialects").fieldNames()).toIterable()
                .containsExactly("alpha_csv", "beta_gbk", "gamma_jsonl");
        String text = Files.readString(home.resolve("conf/stores.yaml"));
        try (InputStream resource = getClass().getResourceAsStream(DialectCatalog.RESOURCE)) {
            assertThat(text).endsWith(new String(resource.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyEntityFileOfEveryStoreIsDeliveredEveryNightInTheRightFolder() {
        Map<String, Integer> delays = new HashMap<>();
        for (Map<String, String> late : TruthFiles.read(home, "late_files.csv")) {
            delays.put(late.get("store_id") + late.get("business_date"), (int) (LocalDate.parse(
                    late.get("delivered_date")).toEpochDay() - LocalDate.parse(late.get("business_date")).toEpochDay()));
        }
        assertThat(delays).isNotEmpty();
        for (JsonNode store : extracts.config.get("stores")) {
            String id = store.get("id").asText();
            JsonNode entities = extracts.dialect(store.get("dialect").asText()).get("entities");
            for (int night = 0; night <= settings.nights(); night++) {
                LocalDate business = settings.firstNight().plusDays(night);
                LocalDate delivered = business.plusDays(delays.getOrDefault(id + business, 0));
                for (Iterator<Map.Entry<String, JsonNode>> it = entities.fields(); it.hasNext();) {
                    String file = it.next().getValue().get("file").asText()
                            .replace("{date}", business.format(DateTimeFormatter.BASIC_ISO_DATE));
                    assertThat(home.resolve("inbox").resolve(id).resolve(delivered.toString()).resolve(file))
                            .as("store %s night %s", id, business).isRegularFile();
                    if (!delivered.equals(business)) {
                        assertThat(home.resolve("inbox").resolve(id).resolve(business.toString()).resolve(file))
                                .doesNotExist();
                    }
                }
            }
        }
    }

    @Test
    void gbkFilesAreGbkWithChineseHeadersAndUtf8FilesHaveNoBom() throws IOException {
        for (Extracts.ExtractFile file : extracts.files) {
            byte[] bytes = Files.readAllBytes(file.path());
            if (file.dialect().equals("beta_gbk")) {
                byte[] header = Extracts.rawLines(file.path()).get(0);
                assertThat(Extracts.strictDecode(header, Extracts.charset(extracts.dialect("beta_gbk"))))
                        .containsPattern("[\\u4e00-\\u9fff]{2,}");
                assertThatThrownBy(() -> Extracts.strictDecode(header, StandardCharsets.UTF_8))
                        .isInstanceOf(CharacterCodingException.class);
            } else if (bytes.length > 0) {
                assertThat(bytes[0]).as("no BOM in %s", file.path()).isNotEqualTo((byte) 0xEF);
            }
        }
        assertThat(extracts.rows("customer")).anyMatch(r -> r.dialect().equals("beta_gbk")
                && r.get("name").matches("[\\u4e00-\\u9fff]{2,4}"));
    }

    @Test
    void amountsFollowEachDialectsNumberFormat() {
        List<Extracts.Row> sales = extracts.rows("sale");
        assertThat(sales).filteredOn(r -> r.dialect().equals("beta_gbk")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("amount")).matches("\\d{1,3}(,\\d{3})*\\.\\d{2}"))
                .anySatisfy(r -> assertThat(r.get("amount")).matches("\\d{1,3}(,\\d{3})+\\.\\d{2}"));
        assertThat(sales).filteredOn(r -> r.dialect().equals("alpha_csv")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("amount")).matches("\\d{4,}\\.\\d{2}"));
        assertThat(extracts.rows("service_order")).filteredOn(r -> r.dialect().equals("beta_gbk"))
                .anySatisfy(r -> assertThat(r.get("amount")).contains(","));
    }

    @Test
    void gammaRepairOrdersCarryTheirLinesNested() throws IOException {
        ObjectMapper json = new ObjectMapper();
        int orders = 0;
        for (Extracts.ExtractFile file : extracts.files) {
            if (!file.dialect().equals("gamma_jsonl") || !file.entity().equals("service_order")) {
                continue;
            }
            List<byte[]> lines = Extracts.rawLines(file.path());
            for (int i = 0; i < lines.size(); i++) {
                if (extracts.isMalformed(file.store(), file.path(), i + 1)) {
                    continue;
                }
                JsonNode order = json.readTree(lines.get(i));
                assertThat(order.get("items").isArray()).isTrue();
                assertThat(order.get("items")).isNotEmpty();
                assertThat(order.get("type").isTextual()).as("codes are JSON strings").isTrue();
                assertThat(order.get("openedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00\\+08:00");
                long lineTotal = 0;
                for (JsonNode item : order.get("items")) {
                    lineTotal += Math.round(item.get("amount").asDouble() * 100);
                }
                assertThat(Math.round(order.get("total").asDouble() * 100)).isEqualTo(lineTotal);
                orders++;
            }
        }
        assertThat(orders).isGreaterThan(100);
    }

    @Test
    void deltasHoldOnlyTheirDaysEventsAndTheInitialExtractOnlyHistory() {
        LocalDate first = settings.firstNight();
        for (Extracts.Row order : extracts.rows("service_order")) {
            LocalDate closed = date(order, "close_date");
            if (order.businessDate().equals(first)) {
                assertThat(closed).isBetween(settings.historyStart(), first);
            } else {
                assertThat(closed).isEqualTo(order.businessDate());
            }
        }
        Map<LocalDate, Long> salesPerNight = extracts.rows("sale").stream()
                .collect(Collectors.groupingBy(Extracts.Row::businessDate, Collectors.counting()));
        assertThat(salesPerNight.get(first)).isGreaterThan(100 * salesPerNight.getOrDefault(first.plusDays(1), 0L));
    }

    @Test
    void changedMasterRecordsAreDeliveredAgainUnderTheSameKey() {
        Map<String, Set<LocalDate>> nights = new HashMap<>();
        for (Extracts.Row c : extracts.rows("customer")) {
            nights.computeIfAbsent("customer" + c.store() + c.get("source_id"), k -> new HashSet<>()).add(c.businessDate());
        }
        for (Extracts.Row v : extracts.rows("vehicle")) {
            nights.computeIfAbsent("vehicle" + v.store() + v.get("vin"), k -> new HashSet<>()).add(v.businessDate());
        }
        assertThat(nights.values()).anyMatch(n -> n.size() > 1);
        assertThat(nights.values()).allMatch(n -> n.size() <= settings.nights() + 1);
        assertThat(extracts.rows("interaction")).filteredOn(r -> r.get("interaction_type").equals("complaint"))
                .anyMatch(r -> !r.get("resolved_date").isEmpty())
                .anyMatch(r -> r.get("resolved_date").isEmpty());
    }

    @Test
    void summaryMatchesWhatWasWritten() {
        SimulationSummary summary = DemoData.summary();

        assertThat(summary.persons()).isEqualTo(3600);
        assertThat(summary.rowsPerEntity().get("service_line")).isEqualTo(extracts.rows("service_line").size());
        assertThat(summary.rowsPerEntity().get("customer")).isEqualTo(extracts.rows("customer").size());
        assertThat(summary.sourceRecords()).isEqualTo(TruthFiles.read(home, "source_records.csv").size());
        assertThat(summary.malformedRows()).isEqualTo(TruthFiles.read(home, "malformed.csv").size());
        assertThat(summary.lateFiles()).isEqualTo(TruthFiles.read(home, "late_files.csv").size());
    }

    static LocalDate date(Extracts.Row row, String column) {
        return LocalDate.parse(row.get(column), Extracts.dateFormat(DemoData.extracts().dialect(row.dialect())));
    }
}
