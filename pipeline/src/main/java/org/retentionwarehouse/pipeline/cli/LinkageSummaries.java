package org.retentionwarehouse.pipeline.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.retentionwarehouse.ingest.linkage.LinkageCommands;

/** Prints what a link or dedupe run did, for both commands alike. */
final class LinkageSummaries {

    private LinkageSummaries() {
    }

    static void print(LinkageCommands.Summary summary, Path out) {
        summary.warnings().forEach(w -> System.err.println("warning: " + w));
        System.out.printf(Locale.ROOT, "records = %d%ncandidate pairs = %d%nmatches = %d%nclusters = %d%nseconds = %.2f%n",
                summary.records(), summary.candidatePairs(), summary.matches(), summary.clusters(), summary.seconds());
        summary.model().forEach(System.out::println);
        System.out.println("written: " + out.toAbsolutePath());
    }
}
