package org.retentionwarehouse.pipeline.cli;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.retentionwarehouse.pipeline.batch.BatchConfiguration;
import org.retentionwarehouse.pipeline.batch.ExitCode;
import org.retentionwarehouse.pipeline.batch.NightLauncher;
import org.retentionwarehouse.pipeline.batch.PipelineContext;
import org.retentionwarehouse.simulator.SimulationSettings;
import org.retentionwarehouse.simulator.Simulator;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retention demo}: simulated data for a few stores, then the nightly job for each night. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a small simulated dealer group and run the nightly job for each of its nights.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() throws Exception {
        DataHome dataHome = home.dataHome();
        SimulationSettings settings = SimulationSettings.demo(seed);
        if (Files.exists(dataHome.storesFile())) {
            // Completed nights are no-ops, so a second demo on the same home finishes quickly.
            System.out.println("Reusing the demo data already in " + dataHome.root());
        } else {
            System.out.println("Generating demo data in " + dataHome.root() + " ...");
            System.out.println(new Simulator(settings).generate(dataHome.root()));
        }
        try (AnnotationConfigApplicationContext context = PipelineContext.open(dataHome)) {
            ExitCode code = new NightLauncher(context).backfill(BatchConfiguration.NIGHTLY, settings.firstNight(),
                    settings.lastNight());
            if (code != ExitCode.DONE) {
                return code.code();
            }
        }
        System.out.println();
        System.out.println("Done. Call lists:     " + dataHome.outputs() + "/<date>/<list>_<store>.csv (.xlsx),"
                + " list = retention, win_back, nurture, repurchase");
        System.out.println("Iceberg tables:       " + dataHome.warehouse() + " (namespaces staging, core, marts)");
        System.out.println("Latest night:         " + dataHome.outputs(settings.lastNight()));
        return 0;
    }
}
