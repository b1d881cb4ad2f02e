package org.retentionwarehouse.ingest.linkage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * How the columns of a customer file map to linkage roles. Loaded from YAML:
 *
 * <pre>{@code
 * id: customer_no                  # record id column (required)
 * fields:                          # required, at least one
 *   - {column: first_name, role: given_name}
 *   - {column: last_name,  role: surname}
 *   - {column: mobile,     role: phone}
 *   - {column: dob,        role: date_of_birth}
 *   - {column: street,     role: address}
 *   - {column: suburb,     role: city}
 *   - {column: postcode,   role: postcode}
 * blocking:                        # optional: a pair is compared when it shares ANY of these keys
 *   - [phone]
 *   - [surname, postcode]
 *   - [surname, date_of_birth]
 * threshold: 0.9                   # optional: match probability for pairs.csv and clusters (default 0.9)
 * csv: {delimiter: ",", encoding: UTF-8}   # optional
 * }</pre>
 *
 * Roles: person_name, given_name, surname, phone, email, date_of_birth, id_number, vin, address,
 * street_number, city (city or suburb), postcode, state (state or province), free_text. Several
 * columns may share a role (their values are joined). Without {@code blocking}, keys are chosen from
 * the roles present (see {@link #defaultBlocking}). Every error names the mapping file and the key.
 */
public record LinkageMapping(Path source, String idColumn, List<Field> fields, List<List<Role>> blocking,
                             double threshold, char delimiter, Charset encoding) {

    /** One mapped column. */
    public record Field(String column, Role role) {
    }

    public static final double DEFAULT_THRESHOLD = 0.9;

    public LinkageMapping {
        fields = List.copyOf(fields);
        blocking = blocking.stream().map(List::copyOf).toList();
    }

    /** The roles mapped, in role order. */
    public Set<Role> roles() {
        Set<Role> s = EnumSet.noneOf(Role.class);
        fields.forEach(f -> s.add(f.role()));
        return Collections.unmodifiableSet(s);
    }

    /** Reads and validates a mapping file. */
    public static LinkageMapping load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new MappingException(file + ": cannot read linkage mapping: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MappingException(file + ": linkage mapping must be a YAML mapping with keys id and fields");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!Set.of("id", "fields", "blocking", "threshold", "csv").contains(k)) {
                throw new MappingException(file + ": unknown key '" + k + "' (expected id, fields, blocking, threshold, csv)");
            }
        }
        JsonNode id = root.get("id");
        if (id == null || !id.isValueNode() || id.asText().isBlank()) {
            throw new MappingException(file + ": key 'id' (the record id column) is missing or empty");
        }
        JsonNode fs = root.get("fields");
        if (fs == null || !fs.isArray() || fs.isEmpty()) {
            throw new MappingException(file + ": key 'fields' must be a non-empty list of {column, role}");
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < fs.size(); i++) {
            JsonNode f = fs.get(i);
            String where = "fields[" + i + "]";
            if (!f.isObject()) {
                throw new MappingException(file + ": key '" + where + "' must be {column: ..., role: ...}");
            }
            JsonNode col = f.get("column");
            if (col == null || col.asText().isBlank()) {
                throw new MappingException(file + ": key '" + where + ".column' is missing");
            }
            JsonNode roleNode = f.get("role");
            Role role = roleNode == null ? null : Role.fromKey(roleNode.asText());
            if (role == null) {
                throw new MappingException(file + ": key '" + where + ".role' has unknown role '"
                        + (roleNode == null ? "" : roleNode.asText()) + "' (expected one of " + roleKeys() + ")");
            }
            fields.add(new Field(col.asText(), role));
        }
        Set<Role> present = EnumSet.noneOf(Role.class);
        fields.forEach(f -> present.add(f.role()));
        List<List<Role>> blocking;
        JsonNode b = root.get("blocking");
        if (b == null || b.isNull()) {
            blocking = defaultBlocking(present);
        } else {
            if (!b.isArray() || b.isEmpty()) {
                throw new MappingException(file + ": key 'blocking' must be a non-empty list of role lists, e.g. [[phone], [surname, postcode]]");
            }
            blocking = new ArrayList<>();
            for (int i = 0; i < b.size(); i++) {
                JsonNode key = b.get(i);
                List<Role> roles = new ArrayList<>();
                List<JsonNode> items = new ArrayList<>();
                if (key.isArray()) {
                    key.forEach(items::add);
                } else {
                    items.add(key);
                }
                for (int j = 0; j < items.size(); j++) {
                    String where = "blocking[" + i + "]" + (key.isArray() ? "[" + j + "]" : "");
                    Role r = Role.fromKey(items.get(j).asText());
                    if (r == null) {
                        throw new MappingException(file + ": key '" + where + "' has unknown role '" + items.get(j).asText() + "'");
                    }
                    if (!present.contains(r)) {
                        throw new MappingException(file + ": key '" + where + "' uses role '" + r.key() + "' that no field maps");
                    }
                    roles.add(r);
                }
                if (roles.isEmpty()) {
                    throw new MappingException(file + ": key 'blocking[" + i + "]' is empty");
                }
                blocking.add(roles);
            }
        }
        double threshold = DEFAULT_THRESHOLD;
        JsonNode t = root.get("threshold");
        if (t != null && !t.isNull()) {
            if (!t.isNumber() || t.asDouble() <= 0 || t.asDouble() >= 1) {
                throw new MappingException(file + ": key 'threshold' must be a probability between 0 and 1, got '" + t.asText() + "'");
            }
            threshold = t.asDouble();
        }
        char delimiter = ',';
        Charset encoding = StandardCharsets.UTF_8;
        JsonNode csv = root.get("csv");
        if (csv != null && !csv.isNull()) {
            if (!csv.isObject()) {
                throw new MappingException(file + ": key 'csv' must be {delimiter: ..., encoding: ...}");
            }
            for (Iterator<String> it = csv.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("delimiter") && !k.equals("encoding")) {
                    throw new MappingException(file + ": unknown key 'csv." + k + "' (expected delimiter, encoding)");
                }
            }
            JsonNode d = csv.get("delimiter");
            if (d != null) {
                String ds = d.asText().equals("\\t") || d.asText().equalsIgnoreCase("tab") ? "\t" : d.asText();
                if (ds.length() != 1) {
                    throw new MappingException(file + ": key 'csv.delimiter' must be one character, got '" + d.asText() + "'");
                }
                delimiter = ds.charAt(0);
            }
            JsonNode e = csv.get("encoding");
            if (e != null) {
                try {
                    encoding = Charset.forName(e.asText());
                } catch (RuntimeException ex) {
                    throw new MappingException(file + ": key 'csv.encoding' names unknown encoding '" + e.asText() + "'");
                }
            }
        }
        return new LinkageMapping(file, id.asText(), fields, blocking, threshold, delimiter, encoding);
    }

    /**
     * Keys from the roles present: each strong identifier alone (phone, email, id_number, vin), then
     * name parts with a birth date or an area, and birth date with postcode; keys whose roles are not
     * all mapped are dropped.
     */
    public static List<List<Role>> defaultBlocking(Set<Role> present) {
        List<List<Role>> candidates = List.of(
                List.of(Role.PHONE), List.of(Role.EMAIL), List.of(Role.ID_NUMBER), List.of(Role.VIN),
                List.of(Role.SURNAME, Role.POSTCODE), List.of(Role.SURNAME, Role.DATE_OF_BIRTH),
                List.of(Role.GIVEN_NAME, Role.DATE_OF_BIRTH), List.of(Role.PERSON_NAME, Role.DATE_OF_BIRTH),
                List.of(Role.PERSON_NAME, Role.POSTCODE), List.of(Role.PERSON_NAME, Role.CITY),
                List.of(Role.GIVEN_NAME, Role.SURNAME, Role.CITY),
                List.of(Role.DATE_OF_BIRTH, Role.POSTCODE));
        List<List<Role>> out = new ArrayList<>();
        for (List<Role> k : candidates) {
            if (present.containsAll(k)) {
                out.add(k);
            }
        }
        if (out.isEmpty()) {
            present.stream().findFirst().ifPresent(r -> out.add(List.of(r)));
        }
        return out;
    }

    /** The roles of the Australian-style layout used in examples: names, phone, email, birth date and location. */
    static Set<Role> defaultBlockingRoles() {
        return EnumSet.of(Role.GIVEN_NAME, Role.SURNAME, Role.PHONE, Role.EMAIL, Role.DATE_OF_BIRTH, Role.STREET_NUMBER,
                Role.ADDRESS, Role.CITY, Role.POSTCODE, Role.STATE);
    }

    private static String roleKeys() {
        List<String> keys = new ArrayList<>();
        for (Role r : Role.values()) {
            keys.add(r.key());
        }
        return String.join(", ", keys);
    }
}
