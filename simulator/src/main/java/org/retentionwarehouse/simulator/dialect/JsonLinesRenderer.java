package org.retentionwarehouse.simulator.dialect;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.retentionwarehouse.simulator.model.CanonicalRecord;
import org.retentionwarehouse.simulator.model.Entity;
import org.retentionwarehouse.simulator.model.Money;

/**
 * JSON Lines with objects nested along the dialect's dotted paths; a nested entity (repair-order
 * lines) is written as an array inside its parent's line. Codes are always JSON strings, so numeric
 * source codes compare equal to the configuration's keys in text form.
 */
final class JsonLinesRenderer implements RecordRenderer {

    /** An object in the output: ordered children that are columns, objects or an array of items. */
    private static final class Node {
        final Map<String, Object> children = new LinkedHashMap<>();

        Node child(String name) {
            return (Node) children.computeIfAbsent(name, n -> new Node());
        }
    }

    /** The items array of a parent line. */
    private record Items(Node element) {
    }

    private final Dialect dialect;
    private final ValueFormatter values;
    private final boolean booleanLiterals;
    private final Map<Entity, Node> shapes = new EnumMap<>(Entity.class);

    JsonLinesRenderer(Dialect dialect) {
        this.dialect = dialect;
        this.values = new ValueFormatter(dialect);
        this.booleanLiterals = "true".equals(dialect.trueValue()) && "false".equals(dialect.falseValue());
        for (Entity entity : dialect.fileEntities()) {
            Node shape = shape(dialect.layout(entity));
            Entity nested = dialect.nestedIn(entity);
            if (nested != null) {
                shape.children.put(dialect.layout(nested).array(), new Items(shape(dialect.layout(nested))));
            }
            shapes.put(entity, shape);
        }
    }

    private static Node shape(EntityLayout layout) {
        Node root = new Node();
        for (ColumnLayout column : layout.columns()) {
            if (column.fromParent()) {
                continue;
            }
            String[] path = column.source().split("\\.");
            Node node = root;
            for (int i = 0; i < path.length - 1; i++) {
                node = node.child(path[i]);
            }
            node.children.put(path[path.length - 1], column);
        }
        return root;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public String header(Entity fileEntity) {
        return null;
    }

    @Override
    public void split(CanonicalRecord record, Consumer<CanonicalRecord> fileRows) {
        fileRows.accept(record);
    }

    @Override
    public String line(CanonicalRecord fileRow) {
        StringBuilder out = new StringBuilder(256);
        writeObject(shapes.get(fileRow.entity()), fileRow, out);
        return out.toString();
    }

    @Override
    public String lineWithWrongFieldCount(CanonicalRecord fileRow, RandomGenerator rng) {
        // Any proper prefix of a JSON object is invalid JSON.
        String line = line(fileRow);
        int cut = 1 + rng.nextInt(line.length() - 1);
        if (Character.isLowSurrogate(line.charAt(cut))) {
            cut--;
        }
        return line.substring(0, cut);
    }

    private void writeObject(Node node, CanonicalRecord row, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> child : node.children.entrySet()) {
            Object shape = child.getValue();
            if (shape instanceof ColumnLayout column) {
                Object value = row.values()[column.index()];
                if (value == null) {
                    continue;
                }
                first = key(child.getKey(), first, out);
                writeValue(value, column, out);
            } else if (shape instanceof Node object) {
                if (!hasValue(object, row)) {
                    continue;
                }
                first = key(child.getKey(), first, out);
                writeObject(object, row, out);
            } else {
                first = key(child.getKey(), first, out);
                out.append('[');
                for (int i = 0; i < row.items().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    writeObject(((Items) shape).element(), row.items().get(i), out);
                }
                out.append(']');
            }
        }
        out.append('}');
    }

    private static boolean hasValue(Node node, CanonicalRecord row) {
        for (Object shape : node.children.values()) {
            if (shape instanceof ColumnLayout column ? row.values()[column.index()] != null
                    : shape instanceof Node object && hasValue(object, row)) {
                return true;
            }
        }
        return false;
    }

    private static boolean key(String name, boolean first, StringBuilder out) {
        if (!first) {
            out.append(',');
        }
        string(name, out);
        out.append(':');
        return false;
    }

    private void writeValue(Object value, ColumnLayout column, StringBuilder out) {
        if (value instanceof Number || value instanceof Money) {
            out.append(values.format(value, column));
        } else if (value instanceof Boolean && booleanLiterals) {
            out.append(value);
        } else {
            string(values.format(value, column), out);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
