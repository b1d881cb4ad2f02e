package org.retentionwarehouse.simulator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.retentionwarehouse.simulator.behaviour.Life;
import org.retentionwarehouse.simulator.behaviour.TickCalendar;
import org.retentionwarehouse.simulator.dialect.Dialect;
import org.retentionwarehouse.simulator.dialect.DialectCatalog;
import org.retentionwarehouse.simulator.dialect.RecordRenderer;
import org.retentionwarehouse.simulator.extract.ExtractContext;
import org.retentionwarehouse.simulator.output.ChunkOutput;
import org.retentionwarehouse.simulator.output.DeliverySchedule;
import org.retentionwarehouse.simulator.output.ExtractWriter;
import org.retentionwarehouse.simulator.output.OutputLayout;
import org.retentionwarehouse.simulator.output.StoresFile;
import org.retentionwarehouse.simulator.random.KeyedPermutation;
import org.retentionwarehouse.simulator.random.Seeds;
import org.retentionwarehouse.simulator.truth.ChurnEstimator;
import org.retentionwarehouse.simulator.truth.TrapReport;
import org.retentionwarehouse.simulator.truth.TruthFile;
import org.retentionwarehouse.simulator.world.PersonFactory;
import org.retentionwarehouse.simulator.world.PopulationPlan;
import org.retentionwarehouse.simulator.world.Stores;
import org.retentionwarehouse.simulator.world.Timeline;

/**
 * Generates a dealer group's source-system extracts and their ground truth into a data home:
 * {@code conf/stores.yaml}, {@code inbox/<store>/<delivery date>/...} and {@code truth/...}.
 * Persons are simulated in parallel chunks and written in chunk order, so the output is
 * byte-identical for a given seed whatever the number of threads.
 */
public final class Simulator {

    private static final int CHUNK_PERSONS = 512;

    private final SimulationSettings settings;

    /** A simulator for the given settings. */
    public Simulator(SimulationSettings settings) {
        this.settings = settings;
    }

    /**
     * Generates everything under {@code home}, which must not hold generated extracts or truth yet.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code home/inbox} or {@code home/truth} is not empty
     */
    public SimulationSummary generate(Path home) throws IOException {
        long started = System.nanoTime();
        requireEmpty(home.resolve("inbox"));
        requireEmpty(home.resolve("truth"));
        long seed = settings.seed();
        DialectCatalog dialects = DialectCatalog.load();
        Stores stores = Stores.create(seed, settings.stores(), dialects.dialects().stream().map(Dialect::name).toList());
        StoresFile.write(home.resolve("conf").resolve("stores.yaml"), stores, dialects);
        Timeline timeline = Timeline.of(settings.historyStart(), settings.firstNight(), settings.lastNight(),
                settings.cutoffs());
        PopulationPlan plan = new PopulationPlan(settings.customers());
        PersonFactory persons = new PersonFactory(seed, timeline, plan, stores);
        Life life = new Life(stores, new TickCalendar(timeline.earliestEntry(), timeline.horizon(),
                PersonRun.stops(timeline)), timeline.historyStart());
        ExtractContext context = ExtractContext.create(seed, stores, timeline);
        PersonRun run = new PersonRun(seed, timeline, persons, life, context,
                new ChurnEstimator(life, seed, settings.churnReplicates()));
        DeliverySchedule deliveries = new DeliverySchedule(seed, stores.size(), timeline.nights(), settings.lateRate());
        OutputLayout layout = new OutputLayout(home, stores, renderers(stores, dialects), timeline, deliveries);

        ExtractWriter writer = new ExtractWriter(layout, seed, settings.badRowRate(), context.ids(), plan.persons());
        int lateFiles;
        try (writer) {
            for (String[] trap : TrapReport.rows(persons)) {
                writer.truth(TruthFile.TRAPS, trap);
            }
            lateFiles = writeLateDeliveries(writer, stores, timeline, deliveries);
            simulateAll(plan.persons(), run, layout, writer);
        }
        return new SimulationSummary(plan.persons(), writer.truthRows(TruthFile.SOURCE_RECORDS),
                writer.rowsPerEntity(), writer.malformedRows(), lateFiles, layout.size() + 1,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static List<RecordRenderer> renderers(Stores stores, DialectCatalog dialects) {
        Map<String, RecordRenderer> byDialect = new HashMap<>();
        return stores.all().stream()
                .map(s -> byDialect.computeIfAbsent(s.dialect(), d -> RecordRenderer.forDialect(dialects.get(d))))
                .toList();
    }

    private static int writeLateDeliveries(ExtractWriter writer, Stores stores, Timeline timeline,
            DeliverySchedule deliveries) throws IOException {
        int late = 0;
        for (int s = 0; s < stores.size(); s++) {
            for (int night = 0; night < timeline.nights(); night++) {
                int delay = deliveries.delay(s, night);
                if (delay > 0) {
                    writer.truth(TruthFile.LATE_FILES, stores.get(s).id(), timeline.businessDate(night).toString(),
                            timeline.businessDate(night).plusDays(delay).toString());
                    late++;
                }
            }
        }
        return late;
    }

    /** Simulates every person in a seed-permuted order, chunks in parallel, written in chunk order. */
    private void simulateAll(int persons, PersonRun run, OutputLayout layout, ExtractWriter writer)
            throws IOException {
        KeyedPermutation order = new KeyedPermutation(persons,
                Seeds.derive(settings.seed(), Seeds.Purpose.PROCESSING_ORDER));
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        int chunks = (persons + CHUNK_PERSONS - 1) / CHUNK_PERSONS;
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "simulator-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<ChunkOutput>> pending = new ArrayDeque<>();
            int next = 0;
            while (next < chunks || !pending.isEmpty()) {
                // A bounded window of chunks in flight keeps memory flat.
                while (next < chunks && pending.size() < 2 * threads) {
                    int from = next * CHUNK_PERSONS;
                    int to = Math.min(persons, from + CHUNK_PERSONS);
                    pending.add(pool.submit(() -> {
                        ChunkOutput out = new ChunkOutput(layout);
                        for (int k = from; k < to; k++) {
                            run.simulate((int) order.apply(k), out);
                        }
                        return out;
                    }));
                    next++;
                }
                writer.write(await(pending.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ChunkOutput await(Future<ChunkOutput> chunk) throws IOException {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while simulating");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("simulation failed", cause);
        }
    }

    private static void requireEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new FileAlreadyExistsException(dir.toString(), null, "already holds data; generate into an empty data home");
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
