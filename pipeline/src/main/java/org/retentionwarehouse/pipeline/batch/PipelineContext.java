package org.retentionwarehouse.pipeline.batch;

import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** Opens the Spring context of one run: the data home, its settings (loaded once) and the batch jobs. */
public final class PipelineContext {

    private PipelineContext() {
    }

    /** The context of a run whose job repository the environment names (see {@link JobRepositorySettings}). */
    public static AnnotationConfigApplicationContext open(DataHome home) {
        return open(home, JobRepositorySettings.fromEnvironment());
    }

    public static AnnotationConfigApplicationContext open(DataHome home, JobRepositorySettings repository) {
        RetentionSettings settings = RetentionSettings.load(home);
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(DataHome.class, () -> home);
        context.registerBean(RetentionSettings.class, () -> settings);
        context.registerBean(JobRepositorySettings.class, () -> repository);
        context.register(BatchConfiguration.class);
        context.refresh();
        return context;
    }
}
