package org.retentionwarehouse.pipeline.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.retentionwarehouse.scoring.clv.ClvFit;
import org.retentionwarehouse.scoring.clv.ClvFitRequest;
import org.retentionwarehouse.scoring.clv.ClvFitResult;
import org.retentionwarehouse.scoring.clv.ColumnRef;
import org.retentionwarehouse.scoring.clv.PeriodUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code retention clv-fit}: BG/NBD and Gamma-Gamma fitted to any transaction log. */
@Command(name = "clv-fit", mixinStandardHelpOptions = true,
        description = {"Fit BG/NBD and Gamma-Gamma to a transaction log and print the parameters.",
                "BG/NBD models purchase frequency and dropout, Gamma-Gamma the spend; the parameters print as "
                + "'name = value'. Columns are header names or 1-based indexes (for files without a header); the "
                + "delimiter (comma, semicolon, tab or spaces) and the date format (yyyyMMdd or yyyy-MM-dd) are "
                + "detected."})
public final class ClvFitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--transactions", required = true, paramLabel = "FILE", description = "Transaction log")
    Path transactions;

    @Option(names = "--customer-col", required = true, paramLabel = "COL", description = "Customer id column")
    String customer;

    @Option(names = "--date-col", required = true, paramLabel = "COL", description = "Transaction date column")
    String date;

    @Option(names = "--amount-col", required = true, paramLabel = "COL", description = "Amount column")
    String amount;

    @Option(names = "--calibration-end", paramLabel = "YYYY-MM-DD",
            description = "Last day of the calibration period (inclusive). Default: the last date in the file")
    LocalDate calibrationEnd;

    @Option(names = "--time-unit", defaultValue = "week", paramLabel = "day|week",
            description = "Unit of the recency and age the model is fitted on, and so of alpha (a rate per unit): week,"
                    + " as the published CDNOW figures use, or day. Default: ${DEFAULT-VALUE}")
    String timeUnit;

    @Override
    public Integer call() throws Exception {
        ClvFitRequest request;
        try {
            request = ClvFitRequest.of(transactions, ColumnRef.parse(customer), ColumnRef.parse(date), ColumnRef.parse(amount))
                    .withUnit(PeriodUnit.parse(timeUnit));
        } catch (IllegalArgumentException e) {
            // A bad column or time unit is bad input (exit 2, with the usage), not a failure to retry.
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (calibrationEnd != null) {
            request = request.withCalibrationEnd(calibrationEnd);
        }
        ClvFitResult result = ClvFit.fit(request);
        result.toLines().forEach(System.out::println);
        System.out.println("calibration end = " + result.calibrationEnd());
        System.out.println("time unit = " + result.unit().name().toLowerCase(java.util.Locale.ROOT));
        return 0;
    }
}
