package org.retentionwarehouse.pipeline.cli;

import java.nio.file.FileAlreadyExistsException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.retentionwarehouse.simulator.SimulationSettings;
import org.retentionwarehouse.simulator.SimulationSummary;
import org.retentionwarehouse.simulator.Simulator;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code retention generate}: a simulated dealer group's extracts, store registry and ground truth. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a simulated dealer group's store extracts (inbox/), stores.yaml (conf/) and ground truth (truth/).")
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same files. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--stores", defaultValue = "5", description = "Number of stores. Default: ${DEFAULT-VALUE}")
    int stores;

    @Option(names = "--customers", defaultValue = "3000", description = "Number of customers. Default: ${DEFAULT-VALUE}")
    int customers;

    @Option(names = "--years", defaultValue = "3", description = "Years of history before the first night. Default: ${DEFAULT-VALUE}")
    int years;

    @Option(names = "--first-night", defaultValue = "2026-11-01",
            description = "Business date of the initial full extract. Default: ${DEFAULT-VALUE}")
    LocalDate firstNight;

    @Option(names = "--nights", defaultValue = "3", description = "Daily delta extracts after the first night. Default: ${DEFAULT-VALUE}")
    int nights;

    @Option(names = "--bad-row-rate", defaultValue = "0.01", description = "Fraction of malformed rows injected. Default: ${DEFAULT-VALUE}")
    double badRowRate;

    @Option(names = "--late-rate", defaultValue = "0.1", description = "Probability that a store's nightly delivery arrives late. Default: ${DEFAULT-VALUE}")
    double lateRate;

    @Option(names = "--churn-replicates", defaultValue = "64",
            description = "Forward simulations per person for the true churn probability at each cutoff. Default: ${DEFAULT-VALUE}")
    int churnReplicates;

    @Override
    public Integer call() throws Exception {
        LocalDate lastNight = firstNight.plusDays(nights);
        LocalDate historyStart = firstNight.minusYears(years);
        // Truth at the last night, and at the origins of the backtest a year later (a quarter apart).
        List<LocalDate> cutoffs = java.util.stream.Stream.of(lastNight.minusMonths(18), lastNight.minusMonths(15),
                lastNight.minusYears(1), lastNight).filter(c -> !c.isBefore(historyStart)).toList();
        SimulationSettings settings;
        try {
            settings = new SimulationSettings(seed, stores, customers, historyStart, firstNight, nights, badRowRate, lateRate,
                    cutoffs, churnReplicates);
        } catch (IllegalArgumentException e) {
            // An option out of range is bad input (exit 2, with the usage), not a failure to retry.
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        SimulationSummary summary;
        try {
            summary = new Simulator(settings).generate(home.dataHome().root());
        } catch (FileAlreadyExistsException e) {
            // A home that already holds data, or a file where a folder goes: the user's to fix, not to retry.
            throw new ConfigurationException(e.getMessage(), e);
        }
        System.out.printf("%s%n%d data rows + %d malformed in %.1f s: %.0f rows/s%n", summary, summary.dataRows(),
                summary.malformedRows(), summary.elapsed().toMillis() / 1000.0,
                summary.dataRows() * 1000.0 / Math.max(1, summary.elapsed().toMillis()));
        return 0;
    }
}
