package org.retentionwarehouse.ingest.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.retentionwarehouse.ingest.normalize.FieldNormalizer;
import org.retentionwarehouse.ingest.normalize.Reasons;
import org.retentionwarehouse.ingest.normalize.Rejection;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.Dialect;
import org.retentionwarehouse.warehouse.config.EntityLayout;
import org.retentionwarehouse.warehouse.config.StoreRegistry;
import org.retentionwarehouse.warehouse.table.SourceEntity;
import org.retentionwarehouse.warehouse.table.SourceField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses one source file of any dialect into canonical records: every physical line becomes
 * either a loaded record (canonical values) or a quarantined one (reason, message, raw text), so
 * rows read always equal rows loaded plus rows quarantined. Runs on Spark executors.
 */
public final class ExtractParser implements Serializable {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractParser.class);

    /** One parsed record; {@code reason} is null for a loadable record. */
    public static final StructType SCHEMA = new StructType()
            .add("store_id", DataTypes.StringType, false)
            .add("entity", DataTypes.StringType, false)
            .add("batch_date", DataTypes.DateType, false)
            .add("source_file", DataTypes.StringType, false)
            .add("source_line", DataTypes.IntegerType, false)
            .add("source_record", DataTypes.IntegerType, false)
            .add("reason", DataTypes.StringType, true)
            .add("message", DataTypes.StringType, true)
            .add("raw_text", DataTypes.StringType, true)
            .add("values", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true);

    private static final int MAX_RAW = 2000;
    /** Lines of a JSON Lines file read at the start to check the mapped paths. */
    private static final int JSON_SAMPLE_LINES = 200;
    /** Records holding a path's parent object, of which at least one must hold the path itself. */
    private static final int JSON_PARENTS_TO_JUDGE = 30;
    /** The fields by which a customer refuses to be called, and those that find the customer. */
    private static final List<String> REFUSAL_FLAGS = List.of("opt_out", "blacklist");
    private static final List<String> REFUSAL_IDENTITY = List.of("source_id", "phone", "name");

    private final StoreRegistry registry;
    private final byte[] idHashKey;
    private final SerializableConfiguration hadoop;

    /**
     * @param hadoop the file systems' settings (Spark's, with the {@code spark.hadoop.*} ones, for an
     *               inbox on HDFS or S3); made once, not per file: loading a new one parses Hadoop's
     *               XML defaults from the class path, about 4 % of a small night's CPU
     */
    public ExtractParser(StoreRegistry registry, byte[] idHashKey, Configuration hadoop) {
        this.registry = registry;
        this.idHashKey = idHashKey.clone();
        this.hadoop = new SerializableConfiguration(hadoop);
    }

    /** Every record of {@code file}. */
    public List<Row> parse(SourceFile file) {
        Dialect dialect = registry.dialects().get(file.dialect());
        EntityLayout layout = dialect.entities().get(file.entity());
        SourceEntity entity = SourceEntity.fromKey(file.entity()).orElseThrow();
        FileContext ctx = new FileContext(file, entity, layout, new FieldNormalizer(dialect, layout, idHashKey, file.businessDate()));
        List<byte[]> lines = lines(read(file.uri()));
        Charset charset = Charset.forName(dialect.encoding());
        if (Dialect.CSV.equals(dialect.format())) {
            parseCsv(ctx, dialect, charset, lines);
        } else {
            parseJsonLines(ctx, charset, lines);
        }
        return ctx.rows;
    }

    /**
     * Checks on the driver, before any row is read, that the file's layout matches its mapping, so a
     * wrong mapping stops the night with one message naming store, file and column: a CSV file's
     * header must hold every mapped column, and a JSON Lines file's first records every mapped path
     * (see {@link #checkJsonPaths}).
     */
    public void checkHeader(SourceFile file) {
        Dialect dialect = registry.dialects().get(file.dialect());
        if (!Dialect.CSV.equals(dialect.format())) {
            checkJsonPaths(file, dialect, leadingLines(file, JSON_SAMPLE_LINES));
            return;
        }
        List<byte[]> first = leadingLines(file, 1);
        if (first.isEmpty() || first.get(0).length == 0) {
            throw new ConfigurationException("store '" + file.storeId() + "', file " + file.name() + ": empty file, no header");
        }
        headerIndex(file, dialect, dialect.entities().get(file.entity()), Charset.forName(dialect.encoding()), first.get(0));
    }

    /**
     * JSON has no header, and an exporter may leave out a key that has no value, so a misspelt path
     * would load as empty: a misspelt opt-out flag would put every customer who refused calls on the
     * lists. A mapped path whose parent object (the record itself, for a top-level key) is in at least
     * {@value #JSON_PARENTS_TO_JUDGE} of the first records, and the path in none of them, is taken for
     * a wrong mapping when every record must have it (a required field, a refusal flag): the night
     * stops. Of the fields the simulated exports leave out when empty, the rarest (an ID number) is in
     * 35 % of the records that hold its parent, so a key that is merely often empty would fail this
     * once in 400,000 files. Any other such path is only logged: a store may never record a birthday.
     * A first line without an array where the dialect says is wrong too.
     */
    private static void checkJsonPaths(SourceFile file, Dialect dialect, List<byte[]> lines) {
        EntityLayout layout = dialect.entities().get(file.entity());
        String where = "store '" + file.storeId() + "', file " + file.name() + ": dialect '" + file.dialect() + "', entity '"
                + file.entity() + "': ";
        Charset charset = Charset.forName(dialect.encoding());
        ObjectMapper json = new ObjectMapper();
        Map<String, int[]> seen = new LinkedHashMap<>();
        layout.columns().keySet().forEach(column -> seen.put(column, new int[2]));
        for (int n = 0; n < lines.size(); n++) {
            JsonNode node;
            try {
                node = json.readTree(new String(lines.get(n), charset));
            } catch (JsonProcessingException e) {
                continue; // quarantined as malformed JSON with the other bad lines
            }
            if (node == null || !node.isObject()) {
                continue; // quarantined as malformed JSON with the other bad lines
            }
            if (layout.array() == null) {
                countPaths(layout, node, null, seen);
                continue;
            }
            JsonNode items = path(node, layout.array());
            if (items != null && items.isArray()) {
                items.forEach(item -> countPaths(layout, item, node, seen));
            } else if (n == 0) {
                throw new ConfigurationException(where + "the first line has no array at '" + layout.array() + "'");
            }
        }
        SourceEntity entity = SourceEntity.fromKey(file.entity()).orElseThrow();
        List<String> wrong = new ArrayList<>();
        List<String> doubtful = new ArrayList<>();
        seen.forEach((column, parentsAndPaths) -> {
            if (parentsAndPaths[0] >= JSON_PARENTS_TO_JUDGE && parentsAndPaths[1] == 0) {
                boolean needed = REFUSAL_FLAGS.contains(column) || entity.field(column).map(SourceField::required).orElse(false);
                (needed ? wrong : doubtful).add("column '" + column + "' at '" + layout.columns().get(column)
                        + "' (in none of the " + parentsAndPaths[0] + " records that hold its parent)");
            }
        });
        if (!wrong.isEmpty()) {
            throw new ConfigurationException(where + "the mapping names paths the records do not have: " + String.join(", ", wrong));
        }
        if (!doubtful.isEmpty()) {
            LOG.warn("{}no record has {}; loaded as empty: check the mapping, unless the store does not record them", where,
                    String.join(", ", doubtful));
        }
    }

    /** Per mapped column: the records that hold its path's parent object, and those that hold the path. */
    private static void countPaths(EntityLayout layout, JsonNode record, JsonNode line, Map<String, int[]> seen) {
        layout.columns().forEach((column, mapped) -> {
            boolean ofLine = mapped.startsWith("^.");
            String path = ofLine ? mapped.substring(2) : mapped;
            int dot = path.lastIndexOf('.');
            JsonNode base = ofLine ? line : record;
            JsonNode parent = dot < 0 ? base : path(base, path.substring(0, dot));
            if (parent != null && parent.isObject()) {
                int[] counts = seen.get(column);
                counts[0]++;
                if (parent.has(path.substring(dot + 1))) {
                    counts[1]++;
                }
            }
        });
    }

    /**
     * The file's first {@code count} lines, without their line ends. A file the night cannot read (a
     * store's upload account left it readable only to itself) stops the night as bad input, naming
     * it: retrying would fail the same way until someone fixes it.
     */
    private List<byte[]> leadingLines(SourceFile file, int count) {
        try (InputStream in = new BufferedInputStream(open(file.uri()))) {
            List<byte[]> lines = new ArrayList<>();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (lines.size() < count) {
                int b = in.read();
                if (b >= 0 && b != '\n') {
                    line.write(b);
                    continue;
                }
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                if (b >= 0 || length > 0) {
                    lines.add(Arrays.copyOf(bytes, length));
                }
                if (b < 0) {
                    break;
                }
                line.reset();
            }
            return lines;
        } catch (IOException e) {
            throw new ConfigurationException("store '" + file.storeId() + "', file " + file.name() + ": cannot read it: "
                    + e.getMessage(), e);
        }
    }

    private static Map<String, Integer> headerIndex(SourceFile file, Dialect dialect, EntityLayout layout,
                                                    Charset charset, byte[] headerLine) {
        String header;
        try {
            header = strictDecoder(charset).decode(ByteBuffer.wrap(headerLine)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigurationException("store '" + file.storeId() + "', file " + file.name()
                    + ": header is not valid " + charset + " text");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<String> names = splitter(dialect).split(header);
        Map<String, Integer> index = new HashMap<>();
        for (Map.Entry<String, String> column : layout.columns().entrySet()) {
            int at = names.indexOf(column.getValue());
            if (at < 0) {
                throw new ConfigurationException("store '" + file.storeId() + "', file " + file.name() + ": column '"
                        + column.getValue() + "' (mapped to " + column.getKey() + ") is not in the header " + names);
            }
            index.put(column.getKey(), at);
        }
        index.put("", names.size());
        return index;
    }

    private void parseCsv(FileContext ctx, Dialect dialect, Charset charset, List<byte[]> lines) {
        if (lines.isEmpty()) {
            return;
        }
        Map<String, Integer> index = headerIndex(ctx.file, dialect, ctx.layout, charset, lines.get(0));
        int width = index.get("");
        CsvLineSplitter splitter = splitter(dialect);
        CharsetDecoder decoder = strictDecoder(charset);
        for (int n = 1; n < lines.size(); n++) {
            int lineNo = n + 1;
            String text = decode(ctx, decoder, charset, lines.get(n), lineNo);
            if (text == null || text.isBlank()) {
                continue;
            }
            CsvLineSplitter.Split split = splitter.scan(text);
            if (split.open()) {
                Continued record = continued(splitter, decoder, lines, n, text, width);
                if (record != null) {
                    n = record.lastLine();
                    text = record.text();
                    split = record.split();
                }
            }
            List<String> fields = split.fields();
            if (fields.size() != width) {
                ctx.reject(lineNo, 0, Reasons.WRONG_FIELD_COUNT,
                        fields.size() + " fields where the header has " + width, text);
                continue;
            }
            ctx.record(lineNo, 0, column -> {
                Integer at = index.get(column);
                return at == null ? null : fields.get(at);
            }, text);
        }
    }

    /** The most physical lines one CSV record may span: an address or a note typed over a few lines. */
    private static final int MAX_RECORD_LINES = 20;

    /** A CSV record over several lines: its text, fields and the index of its last line. */
    private record Continued(String text, CsvLineSplitter.Split split, int lastLine) {
    }

    /**
     * The record that starts with the open-quoted {@code text} at line index {@code n} and goes on
     * over the next lines until the quote closes (a note or an address typed with line breaks, as
     * RFC 4180 allows), with the header's {@code width}. A quote that does not close within
     * {@link #MAX_RECORD_LINES} lines, by the end of the file or before an undecodable line, or that
     * closes on a record of another width (a stray quote that ran into the next row's quoted amount)
     * is a broken line, not a long record: null, and the line is read alone and the lines after it
     * as records of their own.
     */
    private static Continued continued(CsvLineSplitter splitter, CharsetDecoder decoder, List<byte[]> lines, int n, String text,
                                       int width) {
        StringBuilder record = new StringBuilder(text);
        for (int next = n + 1; next < lines.size() && next - n < MAX_RECORD_LINES; next++) {
            try {
                record.append('\n').append(decoder.decode(ByteBuffer.wrap(lines.get(next))));
            } catch (CharacterCodingException e) {
                return null;
            }
            CsvLineSplitter.Split split = splitter.scan(record.toString());
            if (!split.open()) {
                return split.fields().size() == width ? new Continued(record.toString(), split, next) : null;
            }
        }
        return null;
    }

    private void parseJsonLines(FileContext ctx, Charset charset, List<byte[]> lines) {
        ObjectMapper json = new ObjectMapper();
        CharsetDecoder decoder = strictDecoder(charset);
        for (int n = 0; n < lines.size(); n++) {
            int lineNo = n + 1;
            String text = decode(ctx, decoder, charset, lines.get(n), lineNo);
            if (text == null || text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(text);
            } catch (JsonProcessingException e) {
                ctx.reject(lineNo, 0, Reasons.MALFORMED_JSON, "not a JSON object: " + e.getOriginalMessage(), text);
                continue;
            }
            if (node == null || !node.isObject()) {
                ctx.reject(lineNo, 0, Reasons.MALFORMED_JSON, "not a JSON object", text);
                continue;
            }
            if (ctx.layout.array() == null) {
                ctx.record(lineNo, 0, column -> value(node, null, ctx.layout.columns().get(column)), text);
            } else {
                JsonNode items = path(node, ctx.layout.array());
                if (items != null && !items.isArray()) {
                    ctx.reject(lineNo, 0, Reasons.MALFORMED_JSON, "'" + ctx.layout.array() + "' is not an array", text);
                    continue;
                }
                for (int i = 0; items != null && i < items.size(); i++) {
                    JsonNode item = items.get(i);
                    ctx.record(lineNo, i, column -> value(item, node, ctx.layout.columns().get(column)), item.toString());
                }
            }
        }
    }

    private static String value(JsonNode node, JsonNode parent, String path) {
        if (path == null) {
            return null;
        }
        JsonNode value = path.startsWith("^.") ? path(parent, path.substring(2)) : path(node, path);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static JsonNode path(JsonNode node, String dotted) {
        JsonNode current = node;
        for (String part : dotted.split("\\.")) {
            if (current == null) {
                return null;
            }
            current = current.get(part);
        }
        return current;
    }

    private static String decode(FileContext ctx, CharsetDecoder decoder, Charset charset, byte[] line, int lineNo) {
        try {
            return decoder.decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            String lenient = new String(line, charset);
            ctx.reject(lineNo, 0, Reasons.BROKEN_ENCODING, "bytes that are not valid " + charset + " text", lenient);
            return null;
        }
    }

    private static CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static CsvLineSplitter splitter(Dialect dialect) {
        return new CsvLineSplitter(dialect.delimiter().charAt(0), dialect.quote().isEmpty() ? '\0' : dialect.quote().charAt(0));
    }

    /** Physical lines; '\n' is a single byte in every supported charset, so splitting bytes is safe. */
    private static List<byte[]> lines(byte[] content) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                int end = i > start && content[i - 1] == '\r' ? i - 1 : i;
                if (i < content.length || end > start) {
                    byte[] line = new byte[end - start];
                    System.arraycopy(content, start, line, 0, line.length);
                    lines.add(line);
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** Opens a file on any Hadoop file system; the file system itself is shared and cached, so it stays open. */
    private InputStream open(String uri) throws IOException {
        Path path = new Path(uri);
        FileSystem fs = path.getFileSystem(hadoop.value());
        return fs.open(path);
    }

    private byte[] read(String uri) {
        try (InputStream in = open(uri)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri, e);
        }
    }

    /** Where records of one file accumulate. */
    private static final class FileContext {
        final SourceFile file;
        final SourceEntity entity;
        final EntityLayout layout;
        final FieldNormalizer normalizer;
        final Date batchDate;
        final List<Row> rows = new ArrayList<>();

        FileContext(SourceFile file, SourceEntity entity, EntityLayout layout, FieldNormalizer normalizer) {
            this.file = file;
            this.entity = entity;
            this.layout = layout;
            this.normalizer = normalizer;
            this.batchDate = Date.valueOf(file.businessDate());
        }

        void record(int lineNo, int recordNo, java.util.function.Function<String, String> raw, String text) {
            Map<String, String> values = new HashMap<>();
            try {
                for (SourceField field : entity.fields()) {
                    values.put(field.name(), normalizer.normalize(field, raw.apply(field.name())));
                }
            } catch (Rejection r) {
                reject(lineNo, recordNo, r.reason(), r.getMessage(), text, refusal(raw));
                return;
            }
            rows.add(RowFactory.create(file.storeId(), file.entity(), batchDate, file.name(), lineNo, recordNo,
                    null, null, null, scala.jdk.javaapi.CollectionConverters.asScala(values)));
        }

        /**
         * What can be read of a rejected record that says yes to opt-out or blacklist, or whose value there
         * cannot be read: its id, phone and name, so the refusal holds though the row is not loaded (a
         * corrected row that opts out but has a bad birth date; a CRM writing 是 where the dialect expects Y).
         * Null for any other record.
         */
        private Map<String, String> refusal(java.util.function.Function<String, String> raw) {
            boolean refused = false;
            for (String flag : REFUSAL_FLAGS) {
                Optional<SourceField> field = entity.field(flag);
                try {
                    refused |= field.isPresent() && "true".equals(normalizer.normalize(field.get(), raw.apply(flag)));
                } catch (Rejection unreadable) {
                    refused = true;
                }
            }
            if (!refused) {
                return null;
            }
            Map<String, String> readable = new HashMap<>();
            readable.put("refusal", "true");
            for (String name : REFUSAL_IDENTITY) {
                Optional<SourceField> field = entity.field(name);
                try {
                    String value = field.isPresent() ? normalizer.normalize(field.get(), raw.apply(name)) : null;
                    if (value != null) {
                        readable.put(name, value);
                    }
                } catch (Rejection unreadable) {
                    // Left out: the refusal still holds by whatever else could be read.
                }
            }
            return readable;
        }

        void reject(int lineNo, int recordNo, String reason, String message, String text) {
            reject(lineNo, recordNo, reason, message, text, null);
        }

        private void reject(int lineNo, int recordNo, String reason, String message, String text, Map<String, String> refusal) {
            String raw = text.length() > MAX_RAW ? text.substring(0, MAX_RAW) : text;
            // A Row's map column is a Scala map.
            rows.add(RowFactory.create(file.storeId(), file.entity(), batchDate, file.name(), lineNo, recordNo,
                    reason, message, raw, refusal == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(refusal)));
        }
    }
}
