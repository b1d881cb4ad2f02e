package org.retentionwarehouse.simulator.dialect;

import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.retentionwarehouse.simulator.model.CanonicalRecord;
import org.retentionwarehouse.simulator.model.Entity;

/**
 * Writes canonical records in one dialect. A record becomes one or more <em>file rows</em> (a CSV
 * repair order becomes its order row plus one row per line; a JSONL order stays one line with nested
 * items); each file row is exactly one physical line. Implementations are thread-safe.
 */
public interface RecordRenderer {

    /** The renderer for a dialect's format. */
    static RecordRenderer forDialect(Dialect dialect) {
        return switch (dialect.format()) {
            case CSV -> new CsvRenderer(dialect);
            case JSONL -> new JsonLinesRenderer(dialect);
        };
    }

    /** The dialect rendered. */
    Dialect dialect();

    /** Entities that own a file in this dialect. */
    default List<Entity> fileEntities() {
        return dialect().fileEntities();
    }

    /** Header line (without line end) of a file, or {@code null} when the format has none. */
    String header(Entity fileEntity);

    /** Splits an emitted record into the file rows it is written as. */
    void split(CanonicalRecord record, Consumer<CanonicalRecord> fileRows);

    /** One file row as a line without line end. */
    String line(CanonicalRecord fileRow);

    /** The file row with a field too many or too few (CSV) or cut short so it is no longer JSON. */
    String lineWithWrongFieldCount(CanonicalRecord fileRow, RandomGenerator rng);
}
