package org.retentionwarehouse.pipeline.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.retentionwarehouse.pipeline.batch.BatchConfiguration;
import org.retentionwarehouse.pipeline.batch.ExitCode;
import org.retentionwarehouse.pipeline.batch.NightLauncher;
import org.retentionwarehouse.pipeline.batch.PipelineContext;
import org.retentionwarehouse.simulator.SimulationSettings;
import org.retentionwarehouse.simulator.SimulationSummary;
import org.retentionwarehouse.simulator.Simulator;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.table.TableStore;
import org.retentionwarehouse.warehouse.table.Tables;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code retention bench}: the scale benchmark. Generates a preset dealer group into an empty data
 * home, runs the nightly job for its nights in date order (the initial extract, then the deltas;
 * the last night is the one a deployment runs every day), and prints per night and step the wall
 * time, the rows handled and rows per second, and the peak heap and resident memory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Scale benchmark: generate a preset group into an empty --home, run its nights in order, and print"
                + " each night's and step's wall time, rows, rows/s and peak memory.")
public final class BenchCommand implements Callable<Integer> {

    /** Group sizes: stores, customers, years of history, nightly deltas after the initial extract. */
    enum Preset {
        SMALL(3, 2_000, 2, 2), MEDIUM(10, 30_000, 3, 2), LARGE(30, 1_000_000, 5, 1);

        final int stores;
        final int customers;
        final int years;
        final int nights;

        Preset(int stores, int customers, int years, int nights) {
            this.stores = stores;
            this.customers = customers;
            this.years = years;
            this.nights = nights;
        }
    }

    @Mixin
    HomeOption home;

    @Option(names = "--preset", required = true, description = "small (3 stores, 2,000 customers, 2 years of history,"
            + " 2 nightly deltas), medium (10 stores, 30,000, 3 years, 2 deltas) or large (30 stores, 1,000,000, 5 years,"
            + " 1 delta)")
    String preset;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() throws IOException {
        Preset size = preset();
        DataHome dataHome = home.dataHome();
        if (Files.exists(dataHome.storesFile())) {
            throw new ConfigurationException("bench: " + dataHome.root() + " already holds a group; give an empty --home");
        }
        LocalDate first = LocalDate.of(2026, 11, 1);
        LocalDate last = first.plusDays(size.nights);
        // One Monte Carlo replicate of the churn truth: the benchmark does not read it.
        SimulationSettings settings = new SimulationSettings(seed, size.stores, size.customers, first.minusYears(size.years), first,
                size.nights, 0.01, 0.1, List.of(last.minusDays(365), last), 1);
        SimulationSummary generated = new Simulator(settings).generate(dataHome.root());
        System.out.printf(Locale.ROOT, "bench %s: %d stores, %d customers, %d years; generated %,d rows in %.1f s%n",
                preset.toLowerCase(Locale.ROOT), size.stores, size.customers, size.years, generated.dataRows(),
                generated.elapsed().toMillis() / 1000.0);
        System.out.printf(Locale.ROOT, "%-10s %-12s %9s %11s %9s %12s %12s%n", "night", "step", "wall s", "rows", "rows/s",
                "peak heap MB", "peak RSS MB");
        try (AnnotationConfigApplicationContext context = PipelineContext.open(dataHome)) {
            NightLauncher launcher = new NightLauncher(context);
            JobExplorer explorer = context.getBean(JobExplorer.class);
            TableStore tables = new TableStore(context.getBean(SparkSession.class));
            for (LocalDate night = first; !night.isAfter(last); night = night.plusDays(1)) {
                resetPeakRss();
                HeapSampler heap = new HeapSampler();
                long started = System.nanoTime();
                ExitCode code;
                try {
                    code = launcher.launch(BatchConfiguration.NIGHTLY, night, false);
                } finally {
                    heap.stop();
                }
                double wall = (System.nanoTime() - started) / 1e9;
                if (code != ExitCode.DONE) {
                    return code.code();
                }
                JobExecution execution = explorer.getLastJobExecution(explorer.getJobInstance(BatchConfiguration.NIGHTLY,
                        new JobParametersBuilder().addLocalDate(NightLauncher.BUSINESS_DATE, night).toJobParameters()));
                long read = 0;
                for (StepExecution step : execution.getStepExecutions().stream()
                        .sorted(Comparator.comparing(StepExecution::getStartTime)).toList()) {
                    double seconds = Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1000.0;
                    long rows = rows(tables, step.getStepName(), night);
                    read = step.getStepName().equals("ingestStep") ? rows : read;
                    System.out.printf(Locale.ROOT, "%-10s %-12s %9.1f %,11d %,9.0f%n", night, step.getStepName(), seconds, rows,
                            rows / Math.max(seconds, 0.001));
                }
                System.out.printf(Locale.ROOT, "%-10s %-12s %9.1f %,11d %,9.0f %,12d %,12d%n", night,
                        night.equals(last) ? "NIGHT" : "backfill", wall, read, read / wall, heap.peakMb(), peakRssMb());
            }
        }
        return ExitCode.DONE.code();
    }

    private Preset preset() {
        try {
            return Preset.valueOf(preset.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("bench: unknown preset '" + preset + "'; one of small, medium, large");
        }
    }

    /** What a step handled: rows read by ingest, customers scored, list rows published. */
    private static long rows(TableStore tables, String step, LocalDate night) {
        Date d = Date.valueOf(night);
        return switch (step) {
            case "ingestStep" -> {
                org.apache.spark.sql.Row read = tables.read(Tables.RUN_LOG).filter(col("business_date").equalTo(lit(d))
                                .and(col("step").equalTo(Tables.RUN_LOG_INGEST)).and(col("metric").equalTo(Tables.RUN_LOG_ROW_COUNTS.get(0))))
                        .agg(org.apache.spark.sql.functions.sum("value")).first();
                yield read.isNullAt(0) ? 0 : read.getLong(0);
            }
            case "scoringStep" -> tables.read(Tables.CUSTOMER_SCORES).filter(col("snapshot_date").equalTo(lit(d))).count();
            case "reportsStep" -> tables.read(Tables.RETENTION_LIST).filter(col("snapshot_date").equalTo(lit(d))).count();
            default -> 0;
        };
    }

    /** Starts the kernel's resident high-water mark afresh (Linux), so each night reports its own peak. */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException e) {
            // Not Linux, or not allowed: the resident peak then covers the whole run so far.
        }
    }

    /** The largest heap in use during a night, sampled every 100 ms (the heap pools' own peaks do not coincide). */
    private static final class HeapSampler {

        private final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "bench-heap-sampler");
                    t.setDaemon(true);
                    return t;
                });
        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();

        HeapSampler() {
            timer.scheduleAtFixedRate(() -> peak.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 100,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        void stop() {
            timer.shutdownNow();
        }

        long peakMb() {
            return peak.get() >> 20;
        }
    }

    /** The process's peak resident set (VmHWM), or -1 where /proc is not there. */
    private static long peakRssMb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) >> 10).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
