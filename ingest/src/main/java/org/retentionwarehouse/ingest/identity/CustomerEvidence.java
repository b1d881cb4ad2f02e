package org.retentionwarehouse.ingest.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The evidence identity resolution works from, one row per source customer record: its attributes,
 * its current key and first-seen date, and its transaction tokens. Each function is one
 * Dataset-to-Dataset step.
 */
public final class CustomerEvidence {

    private CustomerEvidence() {
    }

    /**
     * {@code (store_id, source_id, token)}: the vehicles each record owns, bought or brought in
     * ({@code V:<vin>}), and the service orders it was the customer of or a CRM contact refers to
     * ({@code O:<store>:<order>}). Two records sharing a token did business on one vehicle or one order.
     */
    public static Dataset<Row> transactions(Dataset<Row> vehicles, Dataset<Row> sales, Dataset<Row> serviceOrders,
                                            Dataset<Row> interactions) {
        return token(vehicles, "owner_source_id", concat_ws(":", lit("V"), col("vin")))
                .union(token(sales, "customer_source_id", concat_ws(":", lit("V"), col("vin"))))
                .union(token(serviceOrders, "customer_source_id", concat_ws(":", lit("V"), col("vin"))))
                .union(token(serviceOrders, "customer_source_id", concat_ws(":", lit("O"), col("store_id"), col("order_id"))))
                .union(token(interactions.filter(col("related_order_id").isNotNull()), "customer_source_id",
                        concat_ws(":", lit("O"), col("store_id"), col("related_order_id"))))
                .distinct();
    }

    private static Dataset<Row> token(Dataset<Row> rows, String customerColumn, Column token) {
        return rows.select(col("store_id"), col(customerColumn).as("source_id"), token.as("token"));
    }

    /**
     * Every customer record with its evidence. {@code first_seen} is the earliest business date the
     * record was delivered on: kept from the cross-reference, lowered to {@code date} when the record
     * was delivered tonight (a re-run of an earlier date), tonight for a new record.
     *
     * @param delivered {@code (store_id, source_id)} of the customer records delivered tonight
     */
    public static Dataset<Row> of(Dataset<Row> customers, Dataset<Row> xref, Dataset<Row> transactions,
                                  Dataset<Row> delivered, LocalDate date) {
        Column tonight = lit(Date.valueOf(date));
        Dataset<Row> tokens = transactions.groupBy("store_id", "source_id").agg(collect_set("token").as("tokens"));
        Dataset<Row> deliveredFlag = delivered.select("store_id", "source_id").distinct().withColumn("delivered", lit(true));
        return customers.select("store_id", "source_id", "name", "phone", "id_hash", "birth_date", "gender",
                        "customer_type", "city", "created_date")
                .join(xref.select("store_id", "source_id", "first_seen_date"), new String[] {"store_id", "source_id"}, "left")
                .join(deliveredFlag, new String[] {"store_id", "source_id"}, "left")
                .join(tokens, new String[] {"store_id", "source_id"}, "left")
                .withColumn("first_seen", when(col("first_seen_date").isNull(), tonight)
                        .when(coalesce(col("delivered"), lit(false)), least(col("first_seen_date"), tonight))
                        .otherwise(col("first_seen_date")))
                .drop("first_seen_date", "delivered");
    }
}
