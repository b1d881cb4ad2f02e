package org.retentionwarehouse.reports.lists;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Who must never be called: every customer with an opted-out or blacklisted source record; every
 * customer reachable on a phone number that such a record carries (a refusal holds for the number,
 * as in a do-not-call register: a family sharing the phone is not called on it); and every
 * customer with a record of the same name in the same store as such a record (customer care often
 * files a refusal with only a landline, so identity resolution may not have linked it). The last
 * two err on the side of not calling: a namesake in the same store is left off the list rather
 * than risk calling someone who refused.
 *
 * <p>A refusal in a quarantined customer row counts too, until a readable version of that record
 * arrives on a later night: a row is rejected whole for any bad field, and a store's corrected record
 * that opts out but carries a bad date must not leave its customer callable.
 */
public final class DoNotCall {

    private DoNotCall() {
    }

    /**
     * @param sourceCustomers {@code staging.customer}
     * @param xref            {@code core.customer_xref}
     * @param quarantine      {@code staging.quarantine}
     * @return the customer keys not to call, one column {@code customer_key}
     */
    public static Dataset<Row> customers(Dataset<Row> sourceCustomers, Dataset<Row> xref, Dataset<Row> quarantine) {
        Column refused = coalesce(col("opt_out"), lit(false)).or(coalesce(col("blacklist"), lit(false)));
        Dataset<Row> records = sourceCustomers.join(xref.select("store_id", "source_id", "customer_key"),
                new String[] {"store_id", "source_id"});
        Dataset<Row> refusals = sourceCustomers.filter(refused).select("store_id", "source_id", "phone", "name")
                .union(rejectedRefusals(quarantine, sourceCustomers));
        Dataset<Row> byRecord = records.join(refusals.select("store_id", "source_id").distinct(),
                new String[] {"store_id", "source_id"}).select("customer_key");
        Dataset<Row> refusedPhones = refusals.filter(col("phone").isNotNull()).select("phone").distinct();
        Dataset<Row> byPhone = records.join(refusedPhones, "phone").select("customer_key");
        Dataset<Row> refusedNames = refusals.filter(col("name").isNotNull()).select("store_id", "name").distinct();
        Dataset<Row> byNameInStore = records.join(refusedNames, new String[] {"store_id", "name"}).select("customer_key");
        return byRecord.union(byPhone).union(byNameInStore).distinct();
    }

    /** Refusals in quarantined customer rows that no readable version of their record delivered since replaces. */
    private static Dataset<Row> rejectedRefusals(Dataset<Row> quarantine, Dataset<Row> sourceCustomers) {
        Dataset<Row> loaded = sourceCustomers.select(col("store_id"), col("source_id"), col("batch_date").as("loaded_on"));
        return quarantine.filter(col("entity").equalTo(lit("customer")).and(coalesce(col("refusal"), lit(false))))
                .select(col("store_id"), col("source_id"), col("phone"), col("name"), col("batch_date").as("rejected_on"))
                .join(loaded, new String[] {"store_id", "source_id"}, "left")
                .filter(col("loaded_on").isNull().or(col("loaded_on").lt(col("rejected_on"))))
                .select("store_id", "source_id", "phone", "name");
    }
}
