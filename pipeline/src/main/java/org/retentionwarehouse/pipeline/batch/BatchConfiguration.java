package org.retentionwarehouse.pipeline.batch;

import java.util.List;
import javax.sql.DataSource;
import org.apache.spark.sql.SparkSession;
import org.retentionwarehouse.ingest.IngestStage;
import org.retentionwarehouse.reports.ReportsStage;
import org.retentionwarehouse.scoring.ScoringStage;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.spark.SparkSessionFactory;
import org.retentionwarehouse.warehouse.table.TableMaintenance;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The Spring Batch jobs: {@code ingest}, {@code scoring}, {@code reports}, {@code maintenance}, each
 * one step, and {@code nightly}, the four steps in order (the tables' upkeep after the lists are
 * out). A job instance is identified by its business date, so a completed date is not run again
 * and a failed one restarts from the failed step. The job
 * repository is an H2 file database under {@code state/}, or the database {@link JobRepositorySettings} names.
 */
@Configuration
@EnableBatchProcessing
public class BatchConfiguration {

    public static final String INGEST = "ingest";
    public static final String SCORING = "scoring";
    public static final String REPORTS = "reports";
    public static final String MAINTENANCE = "maintenance";
    public static final String NIGHTLY = "nightly";
    /** Every job a launch may name. */
    public static final List<String> JOBS = List.of(NIGHTLY, INGEST, SCORING, REPORTS, MAINTENANCE);

    /**
     * Rejects a job name that is not one of {@link #JOBS}; commands call it before they open the job
     * repository, so a typo leaves no trace in a data home.
     */
    public static String requireJob(String name) {
        if (!JOBS.contains(name)) {
            throw new ConfigurationException("unknown job '" + name + "'; one of " + JOBS);
        }
        return name;
    }

    @Bean
    public DataSource dataSource(DataHome home, JobRepositorySettings settings) {
        return JobRepositoryDatabase.open(home, settings);
    }

    /** File locks beside the embedded repository; advisory locks in a shared PostgreSQL one. */
    @Bean
    DateLocks dateLocks(DataHome home, JobRepositorySettings settings, DataSource dataSource) {
        return settings.embedded() ? new FileDateLocks(home.state()) : new PostgresDateLocks(dataSource);
    }

    @Bean
    public PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean(destroyMethod = "stop")
    @Lazy
    public SparkSession sparkSession(DataHome home, RetentionSettings settings) {
        return SparkSessionFactory.create(home, settings);
    }

    @Bean
    public Step ingestStep(JobRepository repository, PlatformTransactionManager tx, @Lazy SparkSession spark,
                           DataHome home, RetentionSettings settings) {
        return step("ingestStep", repository, tx, date -> new IngestStage(spark, home, settings).run(date));
    }

    @Bean
    public Step scoringStep(JobRepository repository, PlatformTransactionManager tx, @Lazy SparkSession spark,
                            DataHome home, RetentionSettings settings) {
        return step("scoringStep", repository, tx, date -> new ScoringStage(spark, home, settings).run(date));
    }

    @Bean
    public Step reportsStep(JobRepository repository, PlatformTransactionManager tx, @Lazy SparkSession spark,
                            DataHome home, RetentionSettings settings) {
        return step("reportsStep", repository, tx, date -> new ReportsStage(spark, home, settings).run(date, StepTimings.earlierSteps()));
    }

    @Bean
    public Step maintenanceStep(JobRepository repository, PlatformTransactionManager tx, ObjectProvider<SparkSession> spark,
                                RetentionSettings settings) {
        // The session itself, not the lazy proxy the other steps get: Iceberg's actions cast it to Spark's class.
        return step("maintenanceStep", repository, tx, date -> new TableMaintenance(spark.getObject(), settings.maintenance()).run(date));
    }

    private static Step step(String name, JobRepository repository, PlatformTransactionManager tx, StageTasklet.Stage stage) {
        return new StepBuilder(name, repository).tasklet(new StageTasklet(stage), tx).build();
    }

    @Bean
    public Job ingest(JobRepository repository, Step ingestStep) {
        return new JobBuilder(INGEST, repository).start(ingestStep).build();
    }

    @Bean
    public Job scoring(JobRepository repository, Step scoringStep) {
        return new JobBuilder(SCORING, repository).start(scoringStep).build();
    }

    @Bean
    public Job reports(JobRepository repository, Step reportsStep) {
        return new JobBuilder(REPORTS, repository).start(reportsStep).build();
    }

    @Bean
    public Job maintenance(JobRepository repository, Step maintenanceStep) {
        return new JobBuilder(MAINTENANCE, repository).start(maintenanceStep).build();
    }

    @Bean
    public Job nightly(JobRepository repository, Step ingestStep, Step scoringStep, Step reportsStep, Step maintenanceStep) {
        return new JobBuilder(NIGHTLY, repository).start(ingestStep).next(scoringStep).next(reportsStep).next(maintenanceStep)
                .build();
    }
}
