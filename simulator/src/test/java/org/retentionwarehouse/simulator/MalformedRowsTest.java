package org.retentionwarehouse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.retentionwarehouse.simulator.identity.Vin;

/** Every malformed row recorded in the truth is at its line and really malformed for the recorded reason. */
class MalformedRowsTest {

    private static final Set<String> KINDS = Set.of("wrong_field_count", "bad_date", "bad_vin", "negative_amount",
            "unknown_code", "broken_encoding", "future_date");
    private static final Set<String> EVENT_DATE_COLUMNS = Set.of("created_date", "order_date", "open_date",
            "interaction_date", "visit_date");
    private static final java.util.regex.Pattern YEAR = java.util.regex.Pattern.compile("(19|20)\\d\\d");
    private static final Set<String> DATE_COLUMNS = Set.of("birth_date", "created_date", "purchase_date",
            "insurance_expiry", "inspection_due", "order_date", "open_date", "close_date", "interaction_date",
            "resolved_date", "visit_date");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home = DemoData.home();
    private final Extracts extracts = DemoData.extracts();

    @Test
    void everyKindAppearsInEveryDialectAtAboutTheConfiguredRate() {
        Map<String, String> dialects = new HashMap<>();
        extracts.config.get("stores").forEach(s -> dialects.put(s.get("id").asText(), s.get("dialect").asText()));
        Map<String, Set<String>> kindsPerDialect = new HashMap<>();
        List<Map<String, String>> malformed = TruthFiles.read(home, "malformed.csv");
        for (Map<String, String> bad : malformed) {
            kindsPerDialect.computeIfAbsent(dialects.get(bad.get("store_id")), d -> new HashSet<>()).add(bad.get("kind"));
        }
        assertThat(kindsPerDialect).containsOnlyKeys("alpha_csv", "beta_gbk", "gamma_jsonl");
        assertThat(kindsPerDialect.values()).allSatisfy(kinds -> assertThat(kinds).isEqualTo(KINDS));
        long fileRows = DemoData.summary().dataRows() - extracts.rows("service_line").stream()
                .filter(r -> r.dialect().equals("gamma_jsonl")).count();
        assertThat(malformed.size() / (double) fileRows).isBetween(0.005, 0.02);
    }

    @Test
    void eachRecordedLineIsMalformedForItsReason() throws IOException {
        for (Map<String, String> bad : TruthFiles.read(home, "malformed.csv")) {
            JsonNode store = store(bad.get("store_id"));
            JsonNode dialect = extracts.dialect(store.get("dialect").asText());
            Path file = find(bad.get("store_id"), bad.get("file"));
            byte[] raw = Extracts.rawLines(file).get(Integer.parseInt(bad.get("line")) - 1);
            String kind = bad.get("kind");
            String where = bad.toString();
            if (kind.equals("broken_encoding")) {
                assertThatThrownBy(() -> Extracts.strictDecode(raw, Extracts.charset(dialect))).as(where)
                        .isInstanceOf(CharacterCodingException.class);
                assertThat(raw).as(where).doesNotContain((byte) '\n');
                continue;
            }
            String line = Extracts.strictDecode(raw, Extracts.charset(dialect));
            boolean csv = dialect.get("format").asText().equals("csv");
            String entity = bad.get("entity");
            if (kind.equals("wrong_field_count")) {
                if (csv) {
                    String header = Extracts.strictDecode(Extracts.rawLines(file).get(0), Extracts.charset(dialect));
                    assertThat(split(line, dialect).size()).as(where).isNotEqualTo(split(header, dialect).size());
                } else {
                    assertThatThrownBy(() -> JSON.readTree(line)).as(where).isInstanceOf(IOException.class);
                }
                continue;
            }
            List<Map<String, String>> records = csv ? List.of(csvRecord(line, file, dialect, entity))
                    : jsonRecords(line, dialect, entity);
            LocalDate delivered = LocalDate.parse(file.getParent().getFileName().toString());
            assertThat(records).as(where).anySatisfy(values -> assertThat(reasonHolds(kind, values, dialect, entity, delivered))
                    .as(where + " " + values).isTrue());
        }
    }

    private static boolean reasonHolds(String kind, Map<String, String> values, JsonNode dialect, String entity,
                                       LocalDate delivered) {
        JsonNode layout = dialect.get("entities").get(entity);
        return switch (kind) {
            case "future_date" -> values.entrySet().stream().anyMatch(e -> EVENT_DATE_COLUMNS.contains(e.getKey())
                    && YEAR.matcher(e.getValue()).results().anyMatch(m -> Integer.parseInt(m.group()) > delivered.getYear()));
            case "bad_date" -> values.entrySet().stream().anyMatch(e -> DATE_COLUMNS.contains(e.getKey())
                    && !e.getValue().isEmpty() && !parses(e.getValue(), dialect));
            case "bad_vin" -> !Vin.isValid(values.get("vin"));
            case "negative_amount" -> values.get("amount").startsWith("-");
            case "unknown_code" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = layout.get("codes").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> coded = it.next();
                    String value = values.get(coded.getKey());
                    if (!value.isEmpty() && !coded.getValue().has(value)) {
                        yield true;
                    }
                }
                yield false;
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static boolean parses(String text, JsonNode dialect) {
        try {
            LocalDate.parse(text, Extracts.dateFormat(dialect));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private JsonNode store(String id) {
        for (JsonNode store : extracts.config.get("stores")) {
            if (store.get("id").asText().equals(id)) {
                return store;
            }
        }
        throw new IllegalArgumentException(id);
    }

    private Path find(String store, String fileName) throws IOException {
        try (Stream<Path> paths = Files.walk(home.resolve("inbox").resolve(store))) {
            return paths.filter(p -> p.getFileName().toString().equals(fileName)).findFirst().orElseThrow();
        }
    }

    private static List<String> split(String line, JsonNode dialect) {
        return CsvLines.split(line, dialect.get("delimiter").asText().charAt(0), dialect.get("quote").asText().charAt(0));
    }

    private static Map<String, String> csvRecord(String line, Path file, JsonNode dialect, String entity)
            throws IOException {
        List<String> header = split(Extracts.strictDecode(Extracts.rawLines(file).get(0), Extracts.charset(dialect)),
                dialect);
        List<String> cells = split(line, dialect);
        Map<String, String> values = new LinkedHashMap<>();
        dialect.get("entities").get(entity).get("columns").fields()
                .forEachRemaining(c -> values.put(c.getKey(), cells.get(header.indexOf(c.getValue().asText()))));
        return values;
    }

    /** The records of a JSON line for an entity: the line itself, or its nested items. */
    private static List<Map<String, String>> jsonRecords(String line, JsonNode dialect, String entity)
            throws IOException {
        JsonNode root = JSON.readTree(line);
        JsonNode layout = dialect.get("entities").get(entity);
        List<JsonNode> records = new ArrayList<>();
        if (layout.has("array")) {
            root.get(layout.get("array").asText()).forEach(records::add);
        } else {
            records.add(root);
        }
        List<Map<String, String>> result = new ArrayList<>();
        for (JsonNode record : records) {
            Map<String, String> values = new LinkedHashMap<>();
            layout.get("columns").fields().forEachRemaining(c -> {
                String path = c.getValue().asText();
                JsonNode node = path.startsWith("^.") ? root : record;
                for (String part : (path.startsWith("^.") ? path.substring(2) : path).split("\\.")) {
                    node = node == null ? null : node.get(part);
                }
                values.put(c.getKey(), node == null || node.isNull() ? "" : node.asText());
            });
            result.add(values);
        }
        return result;
    }
}
