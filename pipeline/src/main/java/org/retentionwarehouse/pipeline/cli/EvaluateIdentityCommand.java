package org.retentionwarehouse.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.retentionwarehouse.ingest.identity.IdentityEvaluation;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.spark.SparkSessionFactory;
import org.retentionwarehouse.warehouse.table.TableStore;
import org.retentionwarehouse.warehouse.table.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retention evaluate-identity}: the warehouse's identities scored against simulator truth. */
@Command(name = "evaluate-identity", mixinStandardHelpOptions = true,
        description = "Print pairwise precision and recall of the warehouse's customer identities against the"
                + " simulator's ground truth, and any identity trap merged into one customer.")
public final class EvaluateIdentityCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--truth", paramLabel = "DIR", description = "Ground-truth folder. Default: <home>/truth")
    Path truth;

    @Override
    public Integer call() {
        DataHome dataHome = home.existingDataHome();
        Path truthDir = truth == null ? dataHome.root().resolve("truth") : truth;
        if (!Files.exists(truthDir.resolve("source_records.csv"))) {
            throw new ConfigurationException(truthDir + ": no source_records.csv (ground truth comes from `retention generate`)");
        }
        SparkSession spark = SparkSessionFactory.create(dataHome, RetentionSettings.load(dataHome));
        try {
            TableStore tables = new TableStore(spark);
            tables.requireExisting(Tables.CUSTOMER_XREF);
            IdentityEvaluation.Result result = new IdentityEvaluation(spark).evaluate(tables.read(Tables.CUSTOMER_XREF), truthDir);
            result.toLines().forEach(System.out::println);
            result.mergedTraps().forEach(t -> System.out.println("merged trap: " + t));
            return 0;
        } finally {
            spark.stop();
        }
    }
}
