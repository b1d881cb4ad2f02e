package org.retentionwarehouse.pipeline.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.retentionwarehouse.ingest.linkage.LinkageCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retention link}: probabilistic record linkage of two customer files. */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = {"Link the records of two customer files that describe the same person.",
                "The files are CSV with a header; a Fellegi-Sunter model is fitted by EM. The mapping (YAML) "
                + "gives each column's role; see the README. Writes pairs (left_id, right_id, match_probability, "
                + "match_weight) and prints the fitted model."})
public final class LinkCommand implements Callable<Integer> {

    @Option(names = "--left", required = true, paramLabel = "FILE", description = "Left customer file")
    Path left;

    @Option(names = "--right", required = true, paramLabel = "FILE", description = "Right customer file")
    Path right;

    @Option(names = "--mapping", required = true, paramLabel = "FILE", description = "Field mapping (YAML)")
    Path mapping;

    @Option(names = "--right-mapping", paramLabel = "FILE",
            description = "Mapping of the right file when its columns, delimiter or encoding differ; the same roles. Default: --mapping")
    Path rightMapping;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Pairs file to write, e.g. pairs.csv")
    Path out;

    @Override
    public Integer call() {
        LinkageSummaries.print(LinkageCommands.link(left, right, mapping, rightMapping, out), out);
        return 0;
    }
}
