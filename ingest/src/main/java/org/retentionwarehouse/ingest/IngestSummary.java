package org.retentionwarehouse.ingest;

import java.time.LocalDate;
import java.util.List;

/**
 * What one night's ingest did. Per file and entity, {@code read = loaded + quarantined} always.
 *
 * @param files one line per delivered file and entity
 */
public record IngestSummary(LocalDate date, List<FileCount> files, List<String> missingStores, List<String> unknownFiles,
                            long customers, long elapsedMillis) {

    /** Row counts of one entity in one file. */
    public record FileCount(String storeId, String file, String entity, long read, long loaded, long quarantined) { }

    public long read() {
        return files.stream().mapToLong(FileCount::read).sum();
    }

    public long loaded() {
        return files.stream().mapToLong(FileCount::loaded).sum();
    }

    public long quarantined() {
        return files.stream().mapToLong(FileCount::quarantined).sum();
    }
}
