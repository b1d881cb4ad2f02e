package org.retentionwarehouse.pipeline.batch;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Closes the executions a dead process left behind. A process killed mid-step never tells the job
 * repository, so its job and step executions stay STARTED and Spring Batch refuses to restart them
 * ("already running"). Spring Batch leaves this decision to the operator; here the date's lock
 * ({@link DateLocks}) makes it safe to take automatically: it is held, so nothing alive runs this
 * date. The executions are marked FAILED (not ABANDONED, which would skip the interrupted step on restart), so the next
 * launch restarts from the step that was interrupted.
 */
final class DeadRunRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(DeadRunRecovery.class);

    private final JobExplorer explorer;
    private final JobRepository repository;

    DeadRunRecovery(JobExplorer explorer, JobRepository repository) {
        this.explorer = explorer;
        this.repository = repository;
    }

    /** Marks every still-running execution of {@code date} FAILED; call only while holding the date's lock. */
    List<JobExecution> closeDeadRuns(LocalDate date) {
        List<JobExecution> closed = new ArrayList<>();
        for (String jobName : explorer.getJobNames()) {
            for (JobExecution execution : explorer.findRunningJobExecutions(jobName)) {
                if (date.equals(execution.getJobParameters().getLocalDate(NightLauncher.BUSINESS_DATE))) {
                    close(execution);
                    closed.add(execution);
                }
            }
        }
        return closed;
    }

    private void close(JobExecution execution) {
        LocalDateTime now = LocalDateTime.now();
        ExitStatus died = ExitStatus.FAILED.addExitDescription(
                "the process running it died (found STARTED by a later launch holding the date's lock)");
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(died);
                step.setEndTime(now);
                repository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(died);
        execution.setEndTime(now);
        repository.update(execution);
        LOG.warn("{} {}: execution {} was left running by a process that died; marked FAILED, restarting from"
                + " its interrupted step", execution.getJobInstance().getJobName(),
                execution.getJobParameters().getLocalDate(NightLauncher.BUSINESS_DATE), execution.getId());
    }
}
