package org.retentionwarehouse.warehouse.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.retentionwarehouse.warehouse.table.SourceEntity;
import org.retentionwarehouse.warehouse.table.SourceField;

/**
 * The group's stores and the dialects their extracts are written in, read from
 * {@code conf/stores.yaml} and checked completely at start: a wrong or incomplete mapping stops the
 * run with one message naming the file, store, dialect, entity and column.
 */
public record StoreRegistry(List<Store> stores, Map<String, Dialect> dialects) implements Serializable {

    public StoreRegistry {
        stores = stores == null ? List.of() : List.copyOf(stores);
        dialects = dialects == null ? Map.of() : Map.copyOf(dialects);
    }

    /** Reads and validates the registry. */
    public static StoreRegistry load(Path file) {
        if (!Files.exists(file)) {
            throw new ConfigurationException(file + ": store registry not found (run `retention generate`"
                    + " for demo data, or write it as described in the README)");
        }
        ObjectMapper yaml = RetentionSettings.mapper();
        StoreRegistry registry;
        try {
            registry = yaml.readValue(file.toFile(), StoreRegistry.class);
        } catch (UnrecognizedPropertyException e) {
            // No line: Jackson reports where it stopped reading, past the key's value.
            throw new ConfigurationException(file + ": unknown key '" + key(e) + "'; known keys here: "
                    + e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            String value = e instanceof InvalidFormatException invalid ? " is '" + invalid.getValue() + "'" : "";
            // Jackson knows the type it wanted for a value, not always for a missing one.
            String expected = e.getTargetType() == null ? ": " + e.getOriginalMessage()
                    : ", must be " + RetentionSettings.expected(e.getTargetType());
            throw new ConfigurationException(at(file, e) + key(e) + value + expected, e);
        } catch (IOException e) {
            throw new ConfigurationException(RetentionSettings.readError(file, e), e);
        }
        registry.validate(file);
        return registry;
    }

    private static String at(Path file, JsonMappingException e) {
        return e.getLocation() == null ? file + ": " : file + ", line " + e.getLocation().getLineNr() + ": ";
    }

    /** The key as the YAML spells it ({@code stores[1].calling_capacity}), not as Jackson's reference chain. */
    private static String key(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                key.append(key.isEmpty() ? "" : ".").append(step.getFieldName());
            } else {
                key.append('[').append(step.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    public Optional<Store> store(String id) {
        return stores.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Dialect dialectOf(Store store) {
        return dialects.get(store.dialect());
    }

    private void validate(Path file) {
        if (stores.isEmpty()) {
            throw new ConfigurationException(file + ": no stores declared");
        }
        Set<String> ids = new HashSet<>();
        for (Store store : stores) {
            String where = file + ": store '" + store.id() + "'";
            if (store.id() == null || !store.id().matches("[A-Za-z0-9_-]+")) {
                throw new ConfigurationException(file + ": store id '" + store.id()
                        + "' must be letters, digits, '_' or '-'");
            }
            if (!ids.add(store.id())) {
                throw new ConfigurationException(where + " is declared twice");
            }
            // Not 0 by default: a store whose key was left out would get empty call lists every night, silently.
            if (store.callingCapacity() == null) {
                throw new ConfigurationException(where + ": no calling_capacity given (the calls the store can make a day)");
            }
            if (store.callingCapacity() < 0) {
                throw new ConfigurationException(where + ": calling_capacity must not be negative");
            }
            if (store.dialect() == null) {
                throw new ConfigurationException(where + ": no dialect given; declared: " + dialects.keySet());
            }
            if (!dialects.containsKey(store.dialect())) {
                throw new ConfigurationException(where + ": dialect '" + store.dialect()
                        + "' is not declared; declared: " + dialects.keySet());
            }
        }
        dialects.forEach((name, dialect) -> validate(file + ": dialect '" + name + "'", dialect));
    }

    private static void validate(String where, Dialect dialect) {
        if (!Dialect.CSV.equals(dialect.format()) && !Dialect.JSONL.equals(dialect.format())) {
            throw new ConfigurationException(where + ": format '" + dialect.format() + "' must be csv or jsonl");
        }
        try {
            Charset.forName(dialect.encoding());
        } catch (RuntimeException e) {
            throw new ConfigurationException(where + ": unknown encoding '" + dialect.encoding() + "'");
        }
        try {
            DateTimeFormatter.ofPattern(dialect.dateFormat());
        } catch (RuntimeException e) {
            throw new ConfigurationException(where + ": bad date_format '" + dialect.dateFormat() + "': "
                    + e.getMessage());
        }
        if (Dialect.CSV.equals(dialect.format()) && dialect.delimiter().length() != 1) {
            throw new ConfigurationException(where + ": delimiter must be one character");
        }
        for (SourceEntity entity : SourceEntity.values()) {
            EntityLayout layout = dialect.entities().get(entity.key());
            String at = where + ", entity '" + entity.key() + "'";
            if (layout == null) {
                throw new ConfigurationException(at + ": not mapped (every dialect maps every entity)");
            }
            if (layout.file() == null || !layout.file().contains("{date}")) {
                throw new ConfigurationException(at + ": file pattern must contain {date}");
            }
            validate(at + ", file '" + layout.file() + "'", entity, layout);
        }
        for (String key : dialect.entities().keySet()) {
            if (SourceEntity.fromKey(key).isEmpty()) {
                throw new ConfigurationException(where + ": unknown entity '" + key + "'");
            }
        }
    }

    private static void validate(String where, SourceEntity entity, EntityLayout layout) {
        for (String column : layout.columns().keySet()) {
            if (entity.field(column).isEmpty()) {
                throw new ConfigurationException(where + ": unknown column '" + column + "'");
            }
        }
        for (SourceField field : entity.fields()) {
            if (field.required() && !layout.columns().containsKey(field.name())) {
                throw new ConfigurationException(where + ": required column '" + field.name() + "' is not mapped");
            }
        }
        layout.codes().forEach((column, mapping) -> {
            SourceField field = entity.field(column).orElseThrow(() -> new ConfigurationException(
                    where + ": codes for unknown column '" + column + "'"));
            for (String canonical : mapping.values()) {
                if (!field.codes().contains(canonical)) {
                    throw new ConfigurationException(where + ", column '" + column + "': code maps to '"
                            + canonical + "', allowed: " + field.codes());
                }
            }
        });
    }
}
