package org.retentionwarehouse.ingest.delivery;

import java.util.List;
import org.retentionwarehouse.ingest.parse.SourceFile;

/**
 * What arrived in the inbox for one night: the files to load (a late store's files for an earlier
 * business date included), the stores that delivered nothing, and files no dialect pattern matches.
 */
public record Delivery(List<SourceFile> files, List<String> missingStores, List<String> unknownFiles) { }
