package org.retentionwarehouse.ingest.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Scores the warehouse's identities against a simulator's ground truth: pairwise precision and
 * recall over source customer records (a pair is predicted when both records carry the same
 * customer_key, true when both belong to the same person), and every identity trap that the
 * warehouse merged into one customer.
 */
public final class IdentityEvaluation {

    /** The figures; {@code mergedTraps} lists the traps whose persons ended up in one customer. */
    public record Result(long records, long predictedPairs, long truePairs, long correctPairs, List<String> mergedTraps) {

        public double precision() {
            return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
        }

        public double recall() {
            return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
        }

        public List<String> toLines() {
            return List.of(
                    "records = " + records,
                    "predicted pairs = " + predictedPairs,
                    "true pairs = " + truePairs,
                    "correct pairs = " + correctPairs,
                    String.format(Locale.ROOT, "precision = %.4f", precision()),
                    String.format(Locale.ROOT, "recall = %.4f", recall()),
                    "merged traps = " + mergedTraps.size());
        }
    }

    private final SparkSession spark;

    public IdentityEvaluation(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * @param xref     {@code core.customer_xref}
     * @param truthDir the simulator's {@code truth/} folder
     */
    public Result evaluate(Dataset<Row> xref, Path truthDir) {
        Dataset<Row> persons = csv(truthDir.resolve("source_records.csv"))
                .filter(col("entity").equalTo("customer")).select("store_id", "source_id", "person_id");
        Dataset<Row> records = xref.select("store_id", "source_id", "customer_key")
                .join(persons, new String[] {"store_id", "source_id"}).cache();
        long n = records.count();
        long predicted = pairs(records, col("customer_key"));
        long actual = pairs(records, col("person_id"));
        long correct = pairs(records, col("customer_key"), col("person_id"));

        Dataset<Row> traps = csv(truthDir.resolve("traps.csv"))
                .withColumn("person_id", explode(split(col("person_ids"), ";")));
        List<String> merged = traps.join(records.select("person_id", "customer_key").distinct(), "person_id")
                .groupBy("trap", "person_ids", "customer_key")
                .agg(countDistinct("person_id").as("persons"))
                .filter(col("persons").gt(1))
                .select("trap", "person_ids").distinct().orderBy("trap", "person_ids")
                .collectAsList().stream().map(r -> r.getString(0) + " " + r.getString(1)).toList();
        records.unpersist();
        return new Result(n, predicted, actual, correct, merged);
    }

    private static long pairs(Dataset<Row> records, Column... groupBy) {
        Row total = records.groupBy(groupBy).agg(count(lit(1)).as("n"))
                .agg(sum(col("n").multiply(col("n").minus(1)).divide(2))).first();
        return total.isNullAt(0) ? 0 : (long) total.getDouble(0);
    }

    private Dataset<Row> csv(Path file) {
        return spark.read().option("header", true).csv(file.toUri().toString());
    }
}
