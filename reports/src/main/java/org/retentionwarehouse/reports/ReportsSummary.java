package org.retentionwarehouse.reports;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/**
 * What one night's reports step published: where the files are, and the list sizes by list type
 * ({@code retention}, {@code win_back}, ...) and store.
 */
public record ReportsSummary(LocalDate date, Map<String, Map<String, Long>> listSizes, Path outputFolder, long elapsedMillis) { }
