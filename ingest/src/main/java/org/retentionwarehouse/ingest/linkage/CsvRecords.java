package org.retentionwarehouse.ingest.linkage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a delimited file with a header row into {@link Record}s as a {@link LinkageMapping} says. */
public final class CsvRecords {

    private CsvRecords() {
    }

    /**
     * Reads {@code file} (header row; quoted fields with doubled quotes, delimiters and line breaks
     * inside quotes; a UTF-8 BOM is skipped). Mapped columns missing from the header are an error
     * naming the mapping file, the key and the data file.
     */
    public static List<Record> read(Path file, LinkageMapping mapping) {
        List<List<String>> rows;
        try (BufferedReader in = Files.newBufferedReader(file, mapping.encoding())) {
            rows = parse(in, mapping.delimiter());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MappingException(file + ": holds bytes that are not " + mapping.encoding()
                    + " text (a damaged row, or a file in another encoding: set csv.encoding in " + mapping.source() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new MappingException(file + ": no header row");
        }
        List<String> header = rows.get(0);
        if (!header.isEmpty() && !header.get(0).isEmpty() && header.get(0).charAt(0) == '\uFEFF') {
            header.set(0, header.get(0).substring(1));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i).strip(), i);
        }
        Integer idCol = index.get(mapping.idColumn());
        if (idCol == null) {
            throw new MappingException(mapping.source() + ": key 'id' names column '" + mapping.idColumn()
                    + "' that is not in the header of " + file + " " + header);
        }
        int[] cols = new int[mapping.fields().size()];
        for (int i = 0; i < cols.length; i++) {
            Integer c = index.get(mapping.fields().get(i).column());
            if (c == null) {
                throw new MappingException(mapping.source() + ": key 'fields[" + i + "].column' names column '"
                        + mapping.fields().get(i).column() + "' that is not in the header of " + file + " " + header);
            }
            cols[i] = c;
        }
        List<Record> out = new ArrayList<>(rows.size() - 1);
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            String id = idCol < row.size() ? row.get(idCol).strip() : "";
            if (id.isEmpty()) {
                throw new MappingException(file + ": row " + (r + 1) + " has an empty id column '" + mapping.idColumn() + "'");
            }
            if (!ids.add(id)) {
                throw new MappingException(file + ": row " + (r + 1) + " repeats id '" + id + "' (column '" + mapping.idColumn()
                        + "' must be unique)");
            }
            Map<Role, String> raw = new EnumMap<>(Role.class);
            for (int i = 0; i < cols.length; i++) {
                String v = cols[i] < row.size() ? row.get(cols[i]) : null;
                if (v == null || v.isBlank()) {
                    continue;
                }
                raw.merge(mapping.fields().get(i).role(), v, (a, b) -> a + " " + b);
            }
            out.add(Record.of(id, raw));
        }
        return out;
    }

    static List<List<String>> parse(BufferedReader in, char delimiter) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int c;
        while ((c = in.read()) != -1) {
            char ch = (char) c;
            any = true;
            if (quoted) {
                if (ch == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            in.reset();
                        }
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.length() == 0) {
                quoted = true;
            } else if (ch == delimiter) {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                any = false;
            } else {
                field.append(ch);
            }
        }
        if (any) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
