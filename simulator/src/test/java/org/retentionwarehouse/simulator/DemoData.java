package org.retentionwarehouse.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The demo data set, generated once per test JVM and shared by the test classes that only read it. */
final class DemoData {

    /** Fixed for reproducible tests; {@code -Dsimulator.test.seed=N} checks the properties hold for other seeds too. */
    static final long SEED = Long.getLong("simulator.test.seed", 20261101L);

    private static Path home;
    private static SimulationSummary summary;
    private static Extracts extracts;

    private DemoData() {
    }

    static synchronized Path home() {
        if (home == null) {
            try {
                home = Files.createTempDirectory("simulator-demo");
                summary = new Simulator(SimulationSettings.demo(SEED)).generate(home);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path generated = home;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(generated)));
        }
        return home;
    }

    static synchronized SimulationSummary summary() {
        home();
        return summary;
    }

    static synchronized Extracts extracts() {
        if (extracts == null) {
            extracts = Extracts.load(home());
        }
        return extracts;
    }

    static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
