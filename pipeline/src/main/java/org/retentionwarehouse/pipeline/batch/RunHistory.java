package org.retentionwarehouse.pipeline.batch;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;

/**
 * What the job repository knows of the latest business dates: for each date and job, its newest run
 * (a forced run is a job instance of its own) with its steps. Read without Spark, for an operator who
 * wants to know what last night did before reading any log.
 */
public final class RunHistory {

    /** How many of each job's newest runs are looked at: a few months of nights and re-runs. */
    static final int RUNS_PER_JOB = 500;

    /** One step of a run, and for one that failed, the first line of why. */
    public record StepRun(String name, BatchStatus status, Duration took, String failure) { }

    /**
     * The newest run of one job for one business date: its own status, start and duration, and the
     * newest execution of each of the job's steps (a restart runs only the steps left to do). A job that
     * failed before any step says why in {@code failure}.
     */
    public record Run(LocalDate date, String job, BatchStatus status, LocalDateTime started, Duration took, List<StepRun> steps,
                      String failure) { }

    private final JobExplorer explorer;

    public RunHistory(JobExplorer explorer) {
        this.explorer = explorer;
    }

    /** The newest run of every job of the {@code dates} latest business dates, newest date first, then by job. */
    public List<Run> latest(int dates) {
        TreeMap<LocalDate, Map<String, JobExecution>> byDate = new TreeMap<>(Comparator.reverseOrder());
        for (String job : BatchConfiguration.JOBS) {
            for (JobExecution last : lastExecutions(explorer, job, RUNS_PER_JOB)) {
                LocalDate date = last.getJobParameters().getLocalDate(NightLauncher.BUSINESS_DATE);
                if (date != null) {
                    byDate.computeIfAbsent(date, d -> new TreeMap<>()).merge(job, last, (a, b) -> a.getId() > b.getId() ? a : b);
                }
            }
        }
        List<Run> runs = new ArrayList<>();
        byDate.entrySet().stream().limit(dates).forEach(date -> date.getValue().values().forEach(e -> runs.add(run(date.getKey(), e))));
        return runs;
    }

    /**
     * The last execution of each of the job's {@code count} newest runs (job instances), newest first: a
     * forced run is an instance of its own, and a restart another execution of the same one.
     */
    static List<JobExecution> lastExecutions(JobExplorer explorer, String job, int count) {
        return explorer.getJobInstances(job, 0, count).stream().map(explorer::getLastJobExecution).filter(Objects::nonNull).toList();
    }

    private Run run(LocalDate date, JobExecution e) {
        Map<String, StepExecution> newestSteps = new HashMap<>();
        for (JobExecution attempt : explorer.getJobExecutions(e.getJobInstance())) {
            for (StepExecution step : attempt.getStepExecutions()) {
                newestSteps.merge(step.getStepName(), step, (a, b) -> a.getId() > b.getId() ? a : b);
            }
        }
        List<StepRun> steps = newestSteps.values().stream()
                .sorted(Comparator.comparing(StepExecution::getId))
                .map(s -> new StepRun(s.getStepName(), s.getStatus(), took(s.getStartTime(), s.getEndTime()),
                        s.getStatus().isUnsuccessful() ? firstLine(s.getExitStatus().getExitDescription()) : null))
                .toList();
        String failure = e.getStatus().isUnsuccessful() && steps.stream().allMatch(s -> s.failure() == null)
                ? firstLine(e.getExitStatus().getExitDescription()) : null;
        return new Run(date, e.getJobInstance().getJobName(), e.getStatus(), e.getStartTime(), took(e.getStartTime(), e.getEndTime()),
                steps, failure);
    }

    private static Duration took(LocalDateTime start, LocalDateTime end) {
        return start == null || end == null ? null : Duration.between(start, end);
    }

    /** An exit description holds the whole stack trace; its first line says what went wrong. */
    private static String firstLine(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        String line = description.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
