package org.retentionwarehouse.pipeline.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.retentionwarehouse.ingest.linkage.LinkageCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retention dedupe}: duplicates within one customer file, clustered. */
@Command(name = "dedupe", mixinStandardHelpOptions = true,
        description = {"Cluster the records of one customer file that describe the same person.",
                "The file is CSV with a header; clusters never merge people whose birth dates or ID numbers "
                + "differ. Writes clusters (id, cluster_id, cluster_size), the scored pairs beside them as "
                + "<name>.pairs.csv, and prints the fitted model."})
public final class DedupeCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Customer file")
    Path input;

    @Option(names = "--mapping", required = true, paramLabel = "FILE", description = "Field mapping (YAML)")
    Path mapping;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Clusters file to write, e.g. clusters.csv")
    Path out;

    @Override
    public Integer call() {
        LinkageSummaries.print(LinkageCommands.dedupe(input, mapping, out), out);
        return 0;
    }
}
