package org.retentionwarehouse.reports;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/** What one night's reports step published: list sizes per store and where the files are. */
public record ReportsSummary(LocalDate date, Map<String, Long> listSizes, Path outputFolder, long elapsedMillis) { }
