package org.retentionwarehouse.pipeline.batch;

import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;

/**
 * Runs one pipeline stage for the job's business date and records the stage's summary in the
 * step's execution context, where the run history keeps it.
 */
final class StageTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(StageTasklet.class);

    /** A stage run for one business date, returning its summary. */
    @FunctionalInterface
    interface Stage {
        Record run(LocalDate date);
    }

    private final Stage stage;

    StageTasklet(Stage stage) {
        this.stage = stage;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        LocalDate date = chunkContext.getStepContext().getStepExecution().getJobParameters()
                .getLocalDate(NightLauncher.BUSINESS_DATE);
        // Logged once the earlier steps are recorded complete: an operator reading a dead run's log
        // sees which step it died in, and where a restart will begin.
        LOG.info("{} {}: started", chunkContext.getStepContext().getStepName(), date);
        Record summary = stage.run(date);
        chunkContext.getStepContext().getStepExecution().getExecutionContext().putString("summary", summary.toString());
        return RepeatStatus.FINISHED;
    }
}
