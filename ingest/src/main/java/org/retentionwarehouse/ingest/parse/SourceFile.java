package org.retentionwarehouse.ingest.parse;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One entity's rows in one delivered file.
 *
 * @param uri        where to read it (any Hadoop file system)
 * @param name       lineage name: {@code store/delivery-date/file}
 * @param entity     canonical entity key; a JSON file holding two entities is two source files
 * @param businessDate the business date the file covers (from its name)
 */
public record SourceFile(String storeId, String dialect, String entity, String uri, String name,
                         LocalDate businessDate) implements Serializable { }
