package org.retentionwarehouse.pipeline.cli;

import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.retentionwarehouse.ingest.linkage.MappingException;
import org.retentionwarehouse.pipeline.batch.ExitCode;
import org.retentionwarehouse.scoring.clv.TransactionLogException;
import org.retentionwarehouse.scoring.model.ModelTrainer;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code retention} command line. */
@Command(name = "retention", mixinStandardHelpOptions = true, version = "retention-warehouse 0.1.0",
        description = "Nightly data warehouse and churn scoring for automobile dealer groups.",
        subcommands = {GenerateCommand.class, RunCommand.class, DemoCommand.class, EvaluateIdentityCommand.class,
                LinkCommand.class, DedupeCommand.class, ClvFitCommand.class, EvaluateChurnCommand.class,
                ExtractsCommand.class, BackfillCommand.class, BenchCommand.class, StatusCommand.class})
public final class RetentionCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Commands that launch nights, and so can find a date's lock held; a command with codes of its own lists them. */
    private static final Set<String> LAUNCHING = Set.of("run", "backfill", "demo");

    private static Map<String, String> exitCodes(boolean launching) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            codes.put(String.valueOf(code.code()), code.meaning());
        }
        if (!launching) {
            // No date lock to find held, and no date that an earlier run did.
            codes.remove(String.valueOf(ExitCode.LOCKED.code()));
            codes.put(String.valueOf(ExitCode.DONE.code()), "done");
        }
        return codes;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line and returns its exit code: bad input, configuration or data (a missing file,
     * too little history to train on) prints one line and gives 2, any other failure a line and its stack
     * trace, and 1.
     */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new RetentionCommand());
        cli.getSubcommands().forEach((name, sub) -> {
            CommandLine.Model.UsageMessageSpec usage = sub.getCommandSpec().usageMessage();
            if (usage.exitCodeList().isEmpty()) {
                usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes(LAUNCHING.contains(name)));
            }
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConfigurationException || t instanceof TransactionLogException
                        || t instanceof MappingException || t instanceof ModelTrainer.NotEnoughHistoryException) {
                    commandLine.getErr().println("error: " + t.getMessage());
                    return ExitCode.BAD_INPUT.code();
                }
                if (t instanceof NoSuchFileException missing) {
                    // Its message is the bare path.
                    commandLine.getErr().println("error: " + missing.getFile() + ": no such file");
                    return ExitCode.BAD_INPUT.code();
                }
            }
            // Anything else (a full disk under state/, a database that is down) is worth a retry: one line
            // to read first, naming the innermost cause (Spring wraps it in pages of bean names), then the
            // stack trace for whoever investigates.
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            commandLine.getErr().println("error: " + cause);
            e.printStackTrace(commandLine.getErr());
            return ExitCode.FAILED.code();
        });
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException
                ? ExitCode.BAD_INPUT.code() : ExitCode.FAILED.code());
        return cli.execute(args);
    }
}
