package org.retentionwarehouse.pipeline.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.retentionwarehouse.pipeline.batch.BatchConfiguration;
import org.retentionwarehouse.pipeline.batch.ExitCode;
import org.retentionwarehouse.pipeline.batch.NightLauncher;
import org.retentionwarehouse.pipeline.batch.PipelineContext;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code retention backfill}: one job for every date of a range, oldest first, stopping at the first
 * date that does not complete. Dates already done are no-ops, so running it again resumes there.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Run a job for every business date from --from to --to in date order. Stops at the first date"
                + " that does not complete and exits with its code; run it again to resume there.")
public final class BackfillCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First business date")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last business date (inclusive)")
    LocalDate to;

    @Option(names = "--job", defaultValue = BatchConfiguration.NIGHTLY,
            description = "nightly, ingest, scoring, reports or maintenance. Default: ${DEFAULT-VALUE}")
    String job;

    @Override
    public Integer call() {
        if (to.isBefore(from)) {
            throw new ConfigurationException("backfill: --to " + to + " is before --from " + from);
        }
        BatchConfiguration.requireJob(job);
        try (AnnotationConfigApplicationContext context = PipelineContext.open(home.existingDataHome())) {
            ExitCode code = new NightLauncher(context).backfill(job, from, to);
            if (code != ExitCode.DONE) {
                return code.code();
            }
        }
        System.out.println("backfill " + from + " .. " + to + ": every date done");
        return ExitCode.DONE.code();
    }
}
