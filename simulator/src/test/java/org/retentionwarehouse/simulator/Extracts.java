package org.retentionwarehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A minimal, configuration-driven reader of a generated data home, written independently of the
 * simulator's code: reads {@code conf/stores.yaml}, every extract file of every store in its dialect,
 * and returns canonical rows (codes mapped back to canonical values), skipping the lines listed in
 * {@code truth/malformed.csv}.
 */
final class Extracts {

    /** One canonical record read from a file. */
    record Row(String store, String dialect, String entity, String file, LocalDate businessDate,
            LocalDate delivered, int line, Map<String, String> values) {

        String get(String column) {
            return values.get(column);
        }
    }

    /** One extract file on disk. */
    record ExtractFile(String store, String dialect, String entity, LocalDate businessDate, LocalDate delivered,
            Path path) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ENTITIES = List.of("customer", "vehicle", "sale", "service_order",
            "service_line", "interaction", "lead");

    final JsonNode config;
    final List<ExtractFile> files = new ArrayList<>();
    private final Map<String, List<Row>> rows = new HashMap<>();
    private final Set<String> malformed = new HashSet<>();

    private Extracts(JsonNode config) {
        this.config = config;
    }

    static JsonNode storesYaml(Path home) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(home.resolve("conf/stores.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Extracts load(Path home) {
        Extracts x = new Extracts(storesYaml(home));
        for (Map<String, String> bad : TruthFiles.read(home, "malformed.csv")) {
            x.malformed.add(bad.get("store_id") + "/" + bad.get("file") + "#" + bad.get("line"));
        }
        for (JsonNode store : x.config.get("stores")) {
            String id = store.get("id").asText();
            String dialect = store.get("dialect").asText();
            try (Stream<Path> paths = Files.walk(home.resolve("inbox").resolve(id))) {
                for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                    x.read(id, dialect, path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return x;
    }

    JsonNode dialect(String name) {
        return config.get("dialects").get(name);
    }

    List<Row> rows(String entity) {
        return rows.getOrDefault(entity, List.of());
    }

    static Charset charset(JsonNode dialect) {
        return Charset.forName(dialect.get("encoding").asText());
    }

    static DateTimeFormatter dateFormat(JsonNode dialect) {
        return DateTimeFormatter.ofPattern(dialect.get("date_format").asText());
    }

    /** The entities whose file name pattern matches, with the business date in the name. */
    private void read(String store, String dialectName, Path path) throws IOException {
        JsonNode dialect = dialect(dialectName);
        LocalDate delivered = LocalDate.parse(path.getParent().getFileName().toString());
        for (String entity : ENTITIES) {
            JsonNode layout = dialect.get("entities").get(entity);
            Matcher m = Pattern.compile(Pattern.quote(layout.get("file").asText()).replace("{date}", "\\E(\\d{8})\\Q"))
                    .matcher(path.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            LocalDate business = LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
            if (!layout.has("array")) {
                files.add(new ExtractFile(store, dialectName, entity, business, delivered, path));
            }
            List<String> lines = decodeGoodLines(store, path, charset(dialect));
            if ("csv".equals(dialect.get("format").asText())) {
                readCsv(store, dialectName, entity, business, delivered, path, lines);
            } else {
                readJson(store, dialectName, entity, business, delivered, path, lines);
            }
        }
    }

    boolean isMalformed(String store, Path path, int line) {
        return malformed.contains(store + "/" + path.getFileName() + "#" + line);
    }

    /** Physical lines (split on the newline byte); malformed ones are {@code null}, good ones must decode strictly. */
    private List<String> decodeGoodLines(String store, Path path, Charset charset) throws IOException {
        List<String> lines = new ArrayList<>();
        for (byte[] raw : rawLines(path)) {
            lines.add(isMalformed(store, path, lines.size() + 1) ? null : strictDecode(raw, charset));
        }
        return lines;
    }

    /** The bytes of each line without its line end. */
    static List<byte[]> rawLines(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        if (start != bytes.length) {
            throw new IllegalStateException(path + " does not end with a line end");
        }
        return lines;
    }

    static String strictDecode(byte[] raw, Charset charset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(raw)).toString();
    }

    private void readCsv(String store, String dialectName, String entity, LocalDate business, LocalDate delivered,
            Path path, List<String> lines) {
        JsonNode dialect = dialect(dialectName);
        char delimiter = dialect.get("delimiter").asText().charAt(0);
        char quote = dialect.get("quote").asText().charAt(0);
        List<String> header = CsvLines.split(lines.get(0), delimiter, quote);
        JsonNode layout = dialect.get("entities").get(entity);
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i) == null) {
                continue;
            }
            List<String> cells = CsvLines.split(lines.get(i), delimiter, quote);
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = layout.get("columns").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> column = it.next();
                values.put(column.getKey(), cells.get(header.indexOf(column.getValue().asText())));
            }
            add(store, dialectName, entity, business, delivered, path, i + 1, layout, values);
        }
    }

    private void readJson(String store, String dialectName, String entity, LocalDate business, LocalDate delivered,
            Path path, List<String> lines) throws IOException {
        JsonNode layout = dialect(dialectName).get("entities").get(entity);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) == null) {
                continue;
            }
            JsonNode line = JSON.readTree(lines.get(i));
            List<JsonNode> records = new ArrayList<>();
            if (layout.has("array")) {
                line.get(layout.get("array").asText()).forEach(records::add);
            } else {
                records.add(line);
            }
            for (JsonNode record : records) {
                Map<String, String> values = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = layout.get("columns").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> column = it.next();
                    String source = column.getValue().asText();
                    JsonNode node = source.startsWith("^.") ? line : record;
                    for (String part : (source.startsWith("^.") ? source.substring(2) : source).split("\\.")) {
                        node = node == null ? null : node.get(part);
                    }
                    values.put(column.getKey(), node == null || node.isNull() ? "" : node.asText());
                }
                add(store, dialectName, entity, business, delivered, path, i + 1, layout, values);
            }
        }
    }

    private void add(String store, String dialect, String entity, LocalDate business, LocalDate delivered, Path path,
            int line, JsonNode layout, Map<String, String> values) {
        JsonNode codes = layout.path("codes");
        for (Iterator<Map.Entry<String, JsonNode>> it = codes.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> coded = it.next();
            String value = values.get(coded.getKey());
            if (!value.isEmpty()) {
                JsonNode canonical = coded.getValue().get(value);
                if (canonical == null) {
                    throw new IllegalStateException("unknown code " + value + " in a good row of " + path + ":" + line);
                }
                values.put(coded.getKey(), canonical.asText());
            }
        }
        rows.computeIfAbsent(entity, e -> new ArrayList<>())
                .add(new Row(store, dialect, entity, path.getFileName().toString(), business, delivered, line, values));
    }

    /** The canonical 11-digit mobile behind any spelling, or {@code null} for a landline. */
    static String canonicalPhone(String phone) {
        StringBuilder digits = new StringBuilder();
        for (char c : phone.toCharArray()) {
            if (c >= '０' && c <= '９') {
                digits.append((char) (c - '０' + '0'));
            } else if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        String d = digits.toString();
        if (d.startsWith("0086")) {
            d = d.substring(4);
        } else if (d.length() == 13 && d.startsWith("86")) {
            d = d.substring(2);
        }
        return d.length() == 11 && d.charAt(0) == '1' ? d : null;
    }
}
