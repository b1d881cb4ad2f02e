package org.retentionwarehouse.pipeline.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.retentionwarehouse.pipeline.batch.BatchConfiguration;
import org.retentionwarehouse.pipeline.batch.NightLauncher;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.retentionwarehouse.pipeline.batch.PipelineContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retention run}: one job for one business date. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a job for a business date.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "Business date")
    LocalDate date;

    @Option(names = "--job", defaultValue = BatchConfiguration.NIGHTLY,
            description = "nightly (ingest, scoring, reports, maintenance in order), ingest, scoring, reports or maintenance. Default: ${DEFAULT-VALUE}")
    String job;

    @Option(names = "--force", description = "Run again even if this job and date are already done")
    boolean force;

    @Override
    public Integer call() {
        BatchConfiguration.requireJob(job);
        try (AnnotationConfigApplicationContext context = PipelineContext.open(home.existingDataHome())) {
            return new NightLauncher(context).launch(job, date, force).code();
        }
    }
}
