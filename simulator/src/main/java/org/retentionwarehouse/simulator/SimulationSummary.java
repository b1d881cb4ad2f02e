package org.retentionwarehouse.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a generation produced.
 *
 * @param persons        simulated persons (customers and prospects)
 * @param sourceRecords  delivered customer records and leads (rows of {@code truth/source_records.csv})
 * @param rowsPerEntity  data rows delivered per entity (including re-deliveries of changed records,
 *                       excluding the malformed copies)
 * @param malformedRows  malformed copies injected
 * @param lateFiles      store deliveries that arrived after their business date
 * @param filesWritten   files written (extracts, truth files and {@code conf/stores.yaml})
 * @param elapsed        wall time of the generation
 */
public record SimulationSummary(long persons, long sourceRecords, Map<String, Long> rowsPerEntity, long malformedRows,
        int lateFiles, int filesWritten, Duration elapsed) {

    /** Freezes the per-entity counts (in entity order). */
    public SimulationSummary {
        rowsPerEntity = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerEntity));
    }

    /** All data rows delivered. */
    public long dataRows() {
        return rowsPerEntity.values().stream().mapToLong(Long::longValue).sum();
    }
}
