package org.retentionwarehouse.ingest.identity;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The evidence identity resolution works from: one row per source customer record with its attributes,
 * current key and first-seen date, and one row per transaction token a record has. Each function is
 * one Dataset-to-Dataset step.
 */
public final class CustomerEvidence {

    private CustomerEvidence() {
    }

    /**
     * {@code (record_hash, token)}: the vehicles each record owns, bought or brought in ({@code V:<vin>}),
     * and the service orders it was the customer of or a CRM contact refers to ({@code O:<store>:<order>}),
     * each token as its 64-bit hash: two records sharing a token did business on one vehicle or one order.
     * A token may repeat; {@link TransactionIndex} gathers each record's tokens as a set. (Hashes, not
     * text, because a million customers have 17 million tokens; two tokens share a hash with a
     * probability of about 10^-19 per pair.)
     */
    public static Dataset<Row> transactions(Dataset<Row> vehicles, Dataset<Row> sales, Dataset<Row> serviceOrders,
                                            Dataset<Row> interactions) {
        return tokens(vehicles, "owner_source_id", token(lit("V"), col("vin")))
                .union(tokens(sales, "customer_source_id", token(lit("V"), col("vin"))))
                // A service order gives two tokens, its vehicle and itself, from one scan.
                .union(tokens(serviceOrders, "customer_source_id", token(lit("V"), col("vin")),
                        token(lit("O"), col("store_id"), col("order_id"))))
                .union(tokens(interactions, "customer_source_id", token(lit("O"), col("store_id"), col("related_order_id"))));
    }

    /** The 64-bit hash of a customer record's key, by which {@link TransactionIndex} finds its tokens. */
    static Column recordHash(Column storeId, Column sourceId) {
        return xxhash64(storeId, sourceId);
    }

    private static Dataset<Row> tokens(Dataset<Row> rows, String customerColumn, Column... tokens) {
        return rows.filter(col(customerColumn).isNotNull())
                .select(recordHash(col("store_id"), col(customerColumn)).as("record_hash"),
                        (tokens.length == 1 ? tokens[0] : explode(array(tokens))).as("token"))
                .filter(col("token").isNotNull());
    }

    /** The hash of a token of the given kind, null when a part is missing. */
    private static Column token(Column kind, Column... parts) {
        Column complete = lit(true);
        for (Column part : parts) {
            complete = complete.and(part.isNotNull());
        }
        Column[] hashed = new Column[parts.length + 1];
        hashed[0] = kind;
        System.arraycopy(parts, 0, hashed, 1, parts.length);
        return when(complete, xxhash64(hashed));
    }

    /**
     * Every customer record with its evidence but its transactions ({@link #transactions}), and the
     * hash of its key ({@code record_hash}) that finds them. {@code first_seen} is the earliest business
     * date the record was delivered on: kept from the cross-reference, lowered to {@code date} when the
     * record was delivered tonight (a re-run of an earlier date), tonight for a new record. The record's
     * current link comes along ({@code known_key}, {@code known_rule}, {@code known_score},
     * {@code known_first_seen}; null for a new record), so the resolution sees what changed without
     * reading the cross-reference a second time.
     *
     * @param delivered {@code (store_id, source_id)} of the customer records delivered tonight
     */
    public static Dataset<Row> of(Dataset<Row> customers, Dataset<Row> xref, Dataset<Row> delivered, LocalDate date) {
        Column tonight = lit(Date.valueOf(date));
        Dataset<Row> deliveredFlag = delivered.select("store_id", "source_id").distinct().withColumn("delivered", lit(true));
        return customers.select(col("store_id"), col("source_id"), col("name"), col("phone"), col("id_hash"),
                        col("birth_date"), col("gender"), col("customer_type"), col("city"), col("created_date"),
                        recordHash(col("store_id"), col("source_id")).as("record_hash"))
                .join(xref.select(col("store_id"), col("source_id"), col("customer_key").as("known_key"),
                        col("match_rule").as("known_rule"), col("match_score").as("known_score"),
                        col("first_seen_date").as("known_first_seen")), new String[] {"store_id", "source_id"}, "left")
                .join(deliveredFlag, new String[] {"store_id", "source_id"}, "left")
                .withColumn("first_seen", when(col("known_first_seen").isNull(), tonight)
                        .when(coalesce(col("delivered"), lit(false)), least(col("known_first_seen"), tonight))
                        .otherwise(col("known_first_seen")))
                .drop("delivered");
    }
}
