package org.retentionwarehouse.pipeline.batch;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
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
        Map<String, JobExecution> newest = new HashMap<>();
        for (String job : BatchConfiguration.JOBS) {
            for (JobInstance instance : explorer.getJobInstances(job, 0, RUNS_PER_JOB)) {
                JobExecution last = explorer.getLastJobExecution(instance);
                LocalDate date = last == null ? null : last.getJobParameters().getLocalDate(NightLauncher.BUSINESS_DATE);
                if (date != null) {
                    newest.merge(date + " " + job, last, (a, b) -> a.getId() > b.getId() ? a : b);
                }
            }
        }
        TreeSet<LocalDate> shown = new TreeSet<>(Comparator.reverseOrder());
        newest.values().forEach(e -> shown.add(e.getJobParameters().getLocalDate(NightLauncher.BUSINESS_DATE)));
        while (shown.size() > dates) {
            shown.pollLast();
        }
        List<Run> runs = new ArrayList<>();
        for (JobExecution e : newest.values()) {
            LocalDate date = e.getJobParameters().getLocalDate(NightLauncher.BUSINESS_DATE);
            if (shown.contains(date)) {
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
                runs.add(new Run(date, e.getJobInstance().getJobName(), e.getStatus(), e.getStartTime(),
                        took(e.getStartTime(), e.getEndTime()), steps, failure));
            }
        }
        runs.sort(Comparator.comparing(Run::date, Comparator.reverseOrder()).thenComparing(Run::job));
        return runs;
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
