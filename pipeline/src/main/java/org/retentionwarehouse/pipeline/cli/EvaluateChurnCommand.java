package org.retentionwarehouse.pipeline.cli;

import static org.apache.spark.sql.functions.max;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.retentionwarehouse.scoring.evaluation.ChurnEvaluation;
import org.retentionwarehouse.scoring.evaluation.ChurnTruth;
import org.retentionwarehouse.scoring.features.CoreInputs;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.spark.SparkSessionFactory;
import org.retentionwarehouse.warehouse.table.TableStore;
import org.retentionwarehouse.warehouse.table.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retention evaluate-churn}: the churn model's backtest beside its baselines and the oracles, against simulator truth. */
@Command(name = "evaluate-churn", mixinStandardHelpOptions = true,
        description = "Backtest the churn model against simulator truth: at every truth cutoff a year or more before"
                + " the data's end, train it as the nightly job would have that night and print AUC, PR-AUC, top-decile"
                + " lift, Brier score and calibration of the model, the logistic baseline, BG/NBD's probability of no"
                + " visit in 52 weeks, and the simulator's three oracles on the same persons: the churn probability given"
                + " the records (the best a model of the warehouse's data can do), given the history (which also knows"
                + " each person's latent loyalty), and the true one.")
public final class EvaluateChurnCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--truth", paramLabel = "DIR", description = "Ground-truth folder. Default: <home>/truth")
    Path truth;

    @Option(names = "--told-loyalty", description = "Also backtest the model given each person's latent loyalty from the"
            + " truth as one more input: how much of its gap to the oracle given the history is the loyalty the warehouse"
            + " cannot see."
            + " Takes about a tenth longer.")
    boolean toldLoyalty;

    @Override
    public Integer call() {
        DataHome dataHome = home.existingDataHome();
        Path truthDir = truth == null ? dataHome.root().resolve("truth") : truth;
        RetentionSettings settings = RetentionSettings.load(dataHome);
        SparkSession spark = SparkSessionFactory.create(dataHome, settings);
        try {
            TableStore tables = new TableStore(spark);
            tables.requireExisting(Tables.FACT_SERVICE_ORDER, Tables.CUSTOMER_XREF);
            java.sql.Date last = tables.read(Tables.FACT_SERVICE_ORDER).agg(max("open_date")).first().getDate(0);
            if (last == null) {
                throw new ConfigurationException(dataHome.root() + ": the warehouse holds no service orders; run a night first");
            }
            LocalDate dataEnd = last.toLocalDate();
            ChurnEvaluation.Result result = new ChurnEvaluation(settings).evaluate(CoreInputs.from(tables),
                    tables.read(Tables.CUSTOMER_XREF), new ChurnTruth(spark, truthDir), dataEnd, toldLoyalty);
            result.toLines().forEach(System.out::println);
            return 0;
        } finally {
            spark.stop();
        }
    }
}
