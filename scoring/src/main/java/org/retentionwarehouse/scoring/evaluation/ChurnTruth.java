package org.retentionwarehouse.scoring.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.retentionwarehouse.warehouse.config.ConfigurationException;

/**
 * The simulator's churn truth ({@code truth/churn.csv}) attached to warehouse customers: each
 * customer key goes to the person most of its linked source records belong to
 * ({@code truth/source_records.csv} through {@code core.customer_xref}), and a person split over
 * several keys keeps only the key holding most of their records, so every person counts once.
 */
public final class ChurnTruth {

    private final SparkSession spark;
    private final Path truthDir;

    public ChurnTruth(SparkSession spark, Path truthDir) {
        this.spark = spark;
        this.truthDir = truthDir;
        for (String file : List.of("churn.csv", "source_records.csv")) {
            if (!Files.isRegularFile(truthDir.resolve(file))) {
                throw new ConfigurationException(truthDir + ": no " + file + " (ground truth comes from `retention generate`)");
            }
        }
    }

    /** The latest truth cutoff whose realised outcome lies within the warehouse's data (on or before {@code dataEnd}). */
    public LocalDate latestRealisedCutoff(LocalDate dataEnd) {
        List<Row> cutoffs = churn().select("cutoff").distinct()
                .filter(col("cutoff").leq(lit(Date.valueOf(dataEnd.minusYears(1))))).orderBy(col("cutoff").desc())
                .limit(1).collectAsList();
        if (cutoffs.isEmpty()) {
            throw new ConfigurationException(truthDir + "/churn.csv: no cutoff a year or more before " + dataEnd
                    + ", so no realised outcome to evaluate against");
        }
        return cutoffs.get(0).getDate(0).toLocalDate();
    }

    /**
     * (customer_key, person_id, true_churn_probability, realised_churn 0/1) of the persons active at
     * {@code cutoff}, one warehouse customer per person.
     */
    public Dataset<Row> atCutoff(LocalDate cutoff, Dataset<Row> xref) {
        Dataset<Row> records = spark.read().option("header", true).csv(truthDir.resolve("source_records.csv").toString())
                .filter(col("entity").equalTo("customer"))
                .select(col("store_id"), col("source_id"), col("person_id"));
        Dataset<Row> links = xref.select("store_id", "source_id", "customer_key")
                .join(records, scala.jdk.javaapi.CollectionConverters.asScala(List.of("store_id", "source_id")).toSeq())
                .groupBy("customer_key", "person_id").agg(count(lit(1)).as("records"));
        Dataset<Row> keyToPerson = links
                .withColumn("k", row_number().over(Window.partitionBy("customer_key").orderBy(col("records").desc(), col("person_id"))))
                .filter(col("k").equalTo(1)).drop("k")
                .withColumn("p", row_number().over(Window.partitionBy("person_id").orderBy(col("records").desc(), col("customer_key"))))
                .filter(col("p").equalTo(1)).select("customer_key", "person_id");
        Dataset<Row> truth = churn().filter(col("cutoff").equalTo(lit(Date.valueOf(cutoff)))
                .and(col("active")).and(col("realised_churn").isNotNull()));
        return keyToPerson.join(truth, "person_id")
                .select(col("customer_key"), col("person_id"), col("true_churn_probability"),
                        col("realised_churn").cast("int").as("realised_churn"));
    }

    private Dataset<Row> churn() {
        return spark.read().option("header", true).csv(truthDir.resolve("churn.csv").toString())
                .select(col("cutoff").cast("date").as("cutoff"), col("person_id"), col("active").cast("boolean").as("active"),
                        col("true_churn_probability").cast("double").as("true_churn_probability"),
                        col("realised_churn").cast("boolean").as("realised_churn"));
    }
}
