package org.retentionwarehouse.pipeline.batch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;

/** Wall time of the steps that finished earlier in the running job execution, for the night's run summary. */
final class StepTimings {

    private StepTimings() {
    }

    /** Step name to milliseconds, in start order; empty outside a running step. */
    static Map<String, Long> earlierSteps() {
        StepContext context = StepSynchronizationManager.getContext();
        Map<String, Long> timings = new LinkedHashMap<>();
        if (context == null) {
            return timings;
        }
        StepExecution current = context.getStepExecution();
        current.getJobExecution().getStepExecutions().stream()
                .filter(s -> s.getId() != null && !s.getId().equals(current.getId()))
                .filter(s -> s.getStartTime() != null && s.getEndTime() != null)
                .sorted(java.util.Comparator.comparing(StepExecution::getStartTime))
                .forEach(s -> timings.put(s.getStepName(), Duration.between(s.getStartTime(), s.getEndTime()).toMillis()));
        return timings;
    }
}
