package org.retentionwarehouse.scoring.features;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Everything the features know of a customer as one kind of row: workshop visits and vehicle sales
 * (with what {@code dim_vehicle} says of their VIN), care interactions, and one profile row from the
 * golden record. Dates are whole days since 1970-01-01, so the per-customer fold
 * ({@link CustomerHistory}) works on ints. The columns are read by position, in this order.
 */
final class CustomerEvents {

    static final int KEY = 0;
    static final int KIND = 1;
    static final int DAY = 2;
    static final int STORE = 3;
    static final int VIN = 4;
    static final int CENTS = 5;
    static final int MILEAGE = 6;
    static final int TYPE = 7;
    static final int RESOLVED = 8;
    static final int SCORE = 9;
    static final int REFUSED = 10;
    static final int PURCHASED = 11;
    static final int MODEL_YEAR = 12;
    static final int INSURANCE = 13;
    static final int INSPECTION = 14;
    static final int COMMERCIAL = 15;
    static final int BIRTH = 16;
    static final int TIER = 17;
    static final int CUSTOMER_TYPE = 18;
    static final int SOLD_TO_OTHERS = 19;
    /** A 64-bit hash of the customer key, added by {@link #byCustomer}. */
    static final int KEY_HASH = 20;

    static final byte SERVICE = 0;
    static final byte SALE = 1;
    static final byte CARE = 2;
    static final byte PROFILE = 3;

    /** Codes of the {@link #TYPE} column: a workshop visit's service type, a care interaction's type. */
    static final byte OTHER = 0;
    static final byte MAINTENANCE = 1;
    static final byte REPAIR = 2;
    static final byte INSPECTION_VISIT = 3;
    static final byte COMPLAINT = 1;
    static final byte CONSULTATION = 2;
    static final byte SURVEY = 3;
    static final byte CALLBACK = 4;
    /** A sale's code: a used car, whose first maintenance falls due on the regular schedule. */
    static final byte USED = 1;

    private CustomerEvents() {
    }

    /** Every event on or before {@code until} of every resolved customer, and every customer's profile row. */
    static Dataset<Row> of(CoreInputs inputs, LocalDate until) {
        Column last = lit(Date.valueOf(until));
        Dataset<Row> services = inputs.serviceOrders().filter(col("open_date").leq(last)).select(
                col("customer_key"), kind(SERVICE), unix_date(col("open_date")).as("day"), col("store_id"), col("vin"),
                cents(col("amount")), col("mileage"),
                code(col("service_type"), MAINTENANCE, "maintenance", REPAIR, "repair", REPAIR, "accident",
                        INSPECTION_VISIT, "inspection"));
        Dataset<Row> sales = inputs.sales().filter(col("order_date").leq(last)).select(
                col("customer_key"), kind(SALE), unix_date(col("order_date")).as("day"), col("store_id"), col("vin"),
                cents(col("amount")), code(col("sale_type"), USED, "used"));
        Dataset<Row> vehicles = inputs.vehicles().select(col("vin"), unix_date(col("purchase_date")).as("purchased"),
                col("model_year"), unix_date(col("insurance_expiry")).as("insurance"), unix_date(col("inspection_due")).as("inspection"));
        Dataset<Row> care = inputs.interactions().filter(col("interaction_date").leq(last)).select(
                col("customer_key"), kind(CARE), unix_date(col("interaction_date")).as("day"), col("store_id"),
                code(col("interaction_type"), COMPLAINT, "complaint", CONSULTATION, "consultation", SURVEY, "survey", CALLBACK, "callback"),
                unix_date(col("resolved_date")).as("resolved"), col("score"), col("outcome").equalTo("refused").as("refused"))
                // The fold reads no other kind of contact (the stores' own care calls, a quarter of a group's
                // interactions): left out here, they do not go through the shuffle.
                .filter(col("type").notEqual(lit(OTHER)));
        Dataset<Row> profiles = inputs.customers().select(col("customer_key"), kind(PROFILE),
                col("customer_type").equalTo("commercial").as("commercial"), unix_date(col("birth_date")).as("birth"),
                col("tier"), col("customer_type"));
        // Each VIN's sales up to the last snapshot, for the days it was sold to someone other than the
        // customer of a visit: from then on it is theirs. From the sales, not dim_vehicle's latest owner,
        // which a sale after a snapshot would change.
        Dataset<Row> salesOfVin = sales.groupBy("vin").agg(collect_list(struct(col("day"), col("customer_key").as("buyer"))).as("vin_sales"));
        // Every vehicle a customer drove in is needed at once, wherever the customer's rows land: the
        // vehicles and their sales go to every task rather than all the visits through a shuffle by VIN.
        return services.unionByName(sales, true).join(broadcast(vehicles), "vin", "left")
                .join(broadcast(salesOfVin), "vin", "left")
                .withColumn("sold_to_others", expr("transform(filter(vin_sales, s -> NOT (s.buyer <=> customer_key)), s -> s.day)"))
                .unionByName(care, true).unionByName(profiles, true)
                .filter(col("customer_key").isNotNull())
                .select(col("customer_key"), col("kind"), col("day"), col("store_id"), col("vin"), col("cents"), col("mileage"),
                        col("type"), col("resolved"), col("score"), col("refused"), col("purchased"), col("model_year"),
                        col("insurance"), col("inspection"), col("commercial"), col("birth"), col("tier"), col("customer_type"),
                        col("sold_to_others"));
    }

    /**
     * {@code events} with each customer's rows in one partition and adjacent there, each row with
     * the hash of its key ({@link #KEY_HASH}), by which they are sorted: Spark sorts a single long
     * column by radix, without reading the rows, where sorting by the key itself compares the rows
     * of one customer (equal in the key's first 8 bytes, all Spark's sort prefix holds) in full,
     * from memory: 2 s of a million customers' features. Two customers may share a hash; their rows
     * are then adjacent to each other, not necessarily apart. Hashed after the shuffle, which then
     * carries 8 bytes a row less.
     */
    static Dataset<Row> byCustomer(Dataset<Row> events) {
        return events.repartition(col("customer_key"))
                .withColumn("key_hash", xxhash64(col("customer_key")))
                .sortWithinPartitions("key_hash");
    }

    /**
     * {@code text} as the code paired with it ({@code code, text, code, text, ...}), {@link #OTHER} for
     * any other text: a byte per row through the shuffle instead of a string.
     */
    private static Column code(Column text, Object... codesAndTexts) {
        Column coded = lit(OTHER);
        for (int i = codesAndTexts.length - 2; i >= 0; i -= 2) {
            coded = when(text.equalTo(codesAndTexts[i + 1]), lit(codesAndTexts[i])).otherwise(coded);
        }
        return coded.as("type");
    }

    private static Column kind(byte kind) {
        return lit(kind).as("kind");
    }

    /** Money as whole cents: exact sums in any order, so a re-run gives the same bits. */
    private static Column cents(Column amount) {
        return amount.multiply(100).cast("long").as("cents");
    }
}
