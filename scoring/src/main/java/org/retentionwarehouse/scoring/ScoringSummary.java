package org.retentionwarehouse.scoring;

import java.time.LocalDate;

/** What one night's scoring did: the model used (and whether it was trained tonight) and how many customers it scored. */
public record ScoringSummary(LocalDate date, String modelVersion, boolean trained, double auc, double baselineAuc,
                            long scoredCustomers, long elapsedMillis) { }
