package org.retentionwarehouse.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.retentionwarehouse.pipeline.batch.JobRepositorySettings;
import org.retentionwarehouse.pipeline.batch.PipelineContext;
import org.retentionwarehouse.pipeline.batch.RunHistory;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code retention status}: the latest business dates' runs, from the job repository. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the newest run of each job for the latest business dates, from the job repository: its"
                + " status, start and duration, and each step's, with the first line of why a step failed. Starts"
                + " no Spark. Exit codes: 0 shown (also when nothing has run yet), 2 no job repository under the home"
                + " (the embedded one), a bad configuration or --dates below 1.")
public final class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Mixin
    HomeOption home;

    @Option(names = "--dates", defaultValue = "7", paramLabel = "N", description = "How many of the latest business dates. Default: ${DEFAULT-VALUE}")
    int dates;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (dates < 1) {
            throw new ConfigurationException("--dates must be at least 1, not " + dates);
        }
        DataHome dataHome = home.dataHome();
        // Asking about a mistyped home must not create a job repository there.
        java.nio.file.Path embedded = dataHome.state().resolve("jobrepository.mv.db");
        if (JobRepositorySettings.fromEnvironment().embedded() && !Files.exists(embedded)) {
            throw new ConfigurationException("no job repository at " + embedded + ": no job has run with the home "
                    + dataHome.root() + " (--home, or RETENTION_HOME)");
        }
        try (AnnotationConfigApplicationContext context = PipelineContext.open(dataHome)) {
            var runs = new RunHistory(context.getBean(JobExplorer.class)).latest(dates);
            if (runs.isEmpty()) {
                out.println("no runs in the job repository yet");
            }
            for (RunHistory.Run run : runs) {
                out.printf("%s  %-11s %-9s started %s, %s%s%n", run.date(), run.job(), run.status(),
                        run.started() == null ? "-" : STARTED.format(run.started()), seconds(run.took()),
                        run.status() == BatchStatus.STARTED ? " (running, or left by a process that died: the next launch"
                                + " of the date marks it FAILED and restarts it)" : "");
                List<String> parts = new ArrayList<>(run.steps().stream()
                        .map(s -> s.name() + " " + s.status() + " " + seconds(s.took()) + (s.failure() == null ? "" : ": " + s.failure()))
                        .toList());
                if (run.failure() != null) {
                    parts.add("failed: " + run.failure());
                }
                out.println("    " + String.join("; ", parts));
            }
        }
        out.flush();
        return 0;
    }

    private static String seconds(Duration took) {
        return took == null ? "not finished" : String.format(java.util.Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
    }
}
