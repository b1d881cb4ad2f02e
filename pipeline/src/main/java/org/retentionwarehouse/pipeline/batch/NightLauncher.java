package org.retentionwarehouse.pipeline.batch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.StoreRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationContext;

/**
 * Launches one job for one business date and turns the outcome into an {@link ExitCode}: a date
 * already done is a no-op unless forced; a failed date restarts from its failed step, and so does a
 * failed forced run of it, whether the command is repeated with or without the force; a date whose
 * lock another launch holds, or any date while another date's night writes the warehouse, is not
 * started (exit code 3); a run left behind by a killed process is
 * closed and restarted from its interrupted step.
 */
public final class NightLauncher {

    /** The identifying job parameter. */
    public static final String BUSINESS_DATE = "businessDate";

    /** The identifying job parameter that makes a forced run a job instance of its own. */
    static final String FORCED_AT = "forcedAt";
    /** How many of a job's newest runs are searched for a failed forced run to restart. */
    private static final int RECENT_RUNS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(NightLauncher.class);

    private final ApplicationContext context;

    public NightLauncher(ApplicationContext context) {
        this.context = context;
    }

    public ExitCode launch(String jobName, LocalDate date, boolean force) {
        BatchConfiguration.requireJob(jobName);
        if (jobName.equals(BatchConfiguration.NIGHTLY) || jobName.equals(BatchConfiguration.INGEST)) {
            // Checked before the run starts, as retention.yaml is: found inside the ingest step, a broken registry
            // failed the run (a FAILED execution in the repository) and reached the log inside Spring Batch's trace.
            StoreRegistry.load(context.getBean(DataHome.class).storesFile());
        }
        DateLocks locks = context.getBean(DateLocks.class);
        Optional<DateLocks.Held> lock = locks.tryAcquire(date);
        if (lock.isEmpty()) {
            LOG.error("{} {}: another run of this date holds {}; not started", jobName, date, locks.describe(date));
            return ExitCode.LOCKED;
        }
        try (DateLocks.Held held = lock.get()) {
            Optional<DateLocks.Held> warehouse = locks.tryAcquireWarehouse();
            if (warehouse.isEmpty()) {
                LOG.error("{} {}: a night of another date is writing the warehouse (it holds {}); not started", jobName, date,
                        locks.describeWarehouse());
                return ExitCode.LOCKED;
            }
            try (DateLocks.Held writing = warehouse.get()) {
                new DeadRunRecovery(context.getBean(JobExplorer.class), context.getBean(JobRepository.class))
                        .closeDeadRuns(date);
                return launchLocked(context.getBean(jobName, Job.class), jobName, date, force);
            }
        }
    }

    /**
     * Launches {@code jobName} for every date from {@code from} to {@code to} in order and stops at
     * the first date that does not complete, returning its code; dates already done are no-ops, so
     * the same call resumes where a failed one stopped.
     */
    public ExitCode backfill(String jobName, LocalDate from, LocalDate to) {
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            ExitCode code = launch(jobName, date, false);
            if (code != ExitCode.DONE) {
                LOG.error("backfill {} .. {} stopped at {} (exit code {}); the dates before it are done,"
                        + " run it again to resume there", from, to, date, code.code());
                return code;
            }
        }
        return ExitCode.DONE;
    }

    private ExitCode launchLocked(Job job, String jobName, LocalDate date, boolean force) {
        Optional<JobParameters> failedForcedRun = failedForcedRun(jobName, date);
        JobParameters built;
        if (failedForcedRun.isPresent()) {
            // Forced or not, the same command again restarts the forced run from its failed step, as a failed
            // plain run restarts: starting it afresh would repeat the steps it did, and a plain run would find
            // the date's first run complete and say so while the forced one's work lay half done.
            LOG.info("{} {}: restarting the forced run that failed", jobName, date);
            built = failedForcedRun.get();
        } else {
            JobParametersBuilder parameters = new JobParametersBuilder().addLocalDate(BUSINESS_DATE, date);
            if (force) {
                parameters.addLong(FORCED_AT, System.currentTimeMillis());
            }
            built = parameters.toJobParameters();
        }
        try {
            JobExecution execution = context.getBean(JobLauncher.class).run(job, built);
            return outcome(jobName, date, execution);
        } catch (JobInstanceAlreadyCompleteException e) {
            LOG.info("{} {} is already done; nothing to do (use --force to run it again)", jobName, date);
            return ExitCode.DONE;
        } catch (JobExecutionAlreadyRunningException e) {
            // Only a launcher that bypasses the date locks can get here.
            LOG.error("{} {} is already running in another process: {}", jobName, date, e.getMessage());
            return ExitCode.LOCKED;
        } catch (Exception e) {
            LOG.error("{} {} could not start: {}", jobName, date, e.getMessage(), e);
            return ExitCode.FAILED;
        }
    }

    /**
     * The parameters of the date's newest forced run when it failed or was stopped, looked for among the
     * job's {@link #RECENT_RUNS} newest runs (a forced run is retried soon after it fails).
     */
    private Optional<JobParameters> failedForcedRun(String jobName, LocalDate date) {
        for (JobExecution last : RunHistory.lastExecutions(context.getBean(JobExplorer.class), jobName, RECENT_RUNS)) {
            if (last.getJobParameters().getParameter(FORCED_AT) == null || !date.equals(last.getJobParameters().getLocalDate(BUSINESS_DATE))) {
                continue;
            }
            BatchStatus status = last.getStatus();
            return status == BatchStatus.FAILED || status == BatchStatus.STOPPED ? Optional.of(last.getJobParameters())
                    : Optional.empty();
        }
        return Optional.empty();
    }

    private static ExitCode outcome(String jobName, LocalDate date, JobExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            LOG.info("{} {} completed", jobName, date);
            return ExitCode.DONE;
        }
        List<Throwable> failures = new ArrayList<>(execution.getAllFailureExceptions());
        for (StepExecution step : execution.getStepExecutions()) {
            failures.addAll(step.getFailureExceptions());
        }
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof ConfigurationException) {
                    LOG.error("{} {} stopped: {}", jobName, date, t.getMessage());
                    return ExitCode.BAD_INPUT;
                }
            }
        }
        LOG.error("{} {} failed ({}); run it again to restart from the failed step", jobName, date,
                failures.isEmpty() ? execution.getStatus() : failures.get(0).toString());
        return ExitCode.FAILED;
    }
}
