package org.retentionwarehouse.simulator.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.retentionwarehouse.simulator.model.CanonicalCode;
import org.retentionwarehouse.simulator.model.Entity;

/**
 * The dialects of {@code dialects.yaml}, loaded and checked against the canonical entities: every
 * entity and column present, every canonical code of a coded column mapped, so a changed contract
 * fails at start-up instead of producing silently wrong files.
 */
public final class DialectCatalog {

    /** Class-path location of the dialect contract. */
    public static final String RESOURCE = "/org/retentionwarehouse/simulator/dialects.yaml";

    private final String text;
    private final Map<String, Dialect> dialects;

    private DialectCatalog(String text, Map<String, Dialect> dialects) {
        this.text = text;
        this.dialects = dialects;
    }

    /** Loads the contract from the class path. */
    public static DialectCatalog load() {
        try (InputStream in = DialectCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("dialect contract not on the class path: " + RESOURCE);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses a contract text. */
    public static DialectCatalog parse(String text) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("dialect contract is not valid YAML", e);
        }
        JsonNode all = required(root, "dialects", "contract");
        Map<String, Dialect> dialects = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            dialects.put(entry.getKey(), dialect(entry.getKey(), entry.getValue()));
        }
        if (dialects.isEmpty()) {
            throw new IllegalArgumentException("dialect contract defines no dialect");
        }
        return new DialectCatalog(text, Collections.unmodifiableMap(dialects));
    }

    /** The contract text exactly as shipped, comments included. */
    public String text() {
        return text;
    }

    /** All dialects in the order the contract lists them. */
    public List<Dialect> dialects() {
        return List.copyOf(dialects.values());
    }

    /** The dialect with the given name. */
    public Dialect get(String name) {
        Dialect d = dialects.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown dialect " + name + "; known: " + dialects.keySet());
        }
        return d;
    }

    private static Dialect dialect(String name, JsonNode node) {
        String where = "dialect " + name;
        Dialect.Format format = Dialect.Format.valueOf(required(node, "format", where).asText().toUpperCase());
        boolean csv = format == Dialect.Format.CSV;
        String pattern = required(node, "date_format", where).asText();
        Map<Entity, EntityLayout> layouts = new EnumMap<>(Entity.class);
        JsonNode entities = required(node, "entities", where);
        for (Entity entity : Entity.values()) {
            EntityLayout layout = layout(entity, required(entities, entity.key(), where), where);
            if (layout.nested() && csv) {
                throw new IllegalArgumentException(where + ": " + entity.key() + " uses an array in a CSV dialect");
            }
            layouts.put(entity, layout);
        }
        return new Dialect(name, node.path("vendor").asText(name), format,
                Charset.forName(required(node, "encoding", where).asText()),
                csv ? singleChar(node, "delimiter", where) : ',', csv ? singleChar(node, "quote", where) : '"',
                pattern, DateTimeFormatter.ofPattern(pattern), required(node, "decimal_separator", where).asText(),
                node.path("grouping_separator").asText(""), first(node, "true_values", where),
                first(node, "false_values", where), Collections.unmodifiableMap(layouts));
    }

    private static EntityLayout layout(Entity entity, JsonNode node, String dialect) {
        String where = dialect + " entity " + entity.key();
        JsonNode columnsNode = required(node, "columns", where);
        JsonNode codesNode = node.path("codes");
        Set<String> configured = new LinkedHashSet<>();
        columnsNode.fieldNames().forEachRemaining(configured::add);
        if (!configured.equals(new LinkedHashSet<>(entity.columns()))) {
            throw new IllegalArgumentException(where + ": columns " + configured + " differ from the canonical "
                    + entity.columns());
        }
        codesNode.fieldNames().forEachRemaining(c -> {
            if (!configured.contains(c)) {
                throw new IllegalArgumentException(where + ": codes for unknown column " + c);
            }
        });
        RecordComponent[] components = entity.rowType().getRecordComponents();
        List<ColumnLayout> columns = new ArrayList<>();
        for (String canonical : configured) {
            int index = entity.columnIndex(canonical);
            Class<?> type = components[index].getType();
            columns.add(column(canonical, index, columnsNode.get(canonical).asText(), codesNode.path(canonical), type,
                    where));
        }
        JsonNode array = node.get("array");
        return new EntityLayout(entity, required(node, "file", where).asText(), array == null ? null : array.asText(),
                List.copyOf(columns));
    }

    private static ColumnLayout column(String canonical, int index, String source, JsonNode codes, Class<?> type,
            String where) {
        boolean codedType = CanonicalCode.class.isAssignableFrom(type);
        if (codedType != !codes.isMissingNode()) {
            throw new IllegalArgumentException(where + ": column " + canonical
                    + (codedType ? " needs a codes map" : " is not a coded column"));
        }
        Map<String, String> toSource = new LinkedHashMap<>();
        Set<String> sourceCodes = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = codes.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> code = it.next();
            sourceCodes.add(code.getKey());
            toSource.putIfAbsent(code.getValue().asText(), code.getKey());
        }
        if (codedType) {
            for (Object constant : type.getEnumConstants()) {
                String canonicalCode = ((CanonicalCode) constant).code();
                if (!toSource.containsKey(canonicalCode)) {
                    throw new IllegalArgumentException(where + ": column " + canonical + " has no source code for "
                            + canonicalCode);
                }
            }
        }
        return new ColumnLayout(canonical, index, source, Collections.unmodifiableMap(toSource),
                Collections.unmodifiableSet(sourceCodes));
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(where + ": missing " + field);
        }
        return value;
    }

    private static char singleChar(JsonNode node, String field, String where) {
        String value = required(node, field, where).asText();
        if (value.length() != 1) {
            throw new IllegalArgumentException(where + ": " + field + " must be one character: '" + value + "'");
        }
        return value.charAt(0);
    }

    private static String first(JsonNode node, String field, String where) {
        JsonNode list = required(node, field, where);
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + field + " must be a non-empty list");
        }
        return list.get(0).asText();
    }
}
