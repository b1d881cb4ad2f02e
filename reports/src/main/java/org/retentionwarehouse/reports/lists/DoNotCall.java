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
 */
public final class DoNotCall {

    private DoNotCall() {
    }

    /**
     * @param sourceCustomers {@code staging.customer}
     * @param xref            {@code core.customer_xref}
     * @return the customer keys not to call, one column {@code customer_key}
     */
    public static Dataset<Row> customers(Dataset<Row> sourceCustomers, Dataset<Row> xref) {
        Column refused = coalesce(col("opt_out"), lit(false)).or(coalesce(col("blacklist"), lit(false)));
        Dataset<Row> records = sourceCustomers.join(xref.select("store_id", "source_id", "customer_key"),
                new String[] {"store_id", "source_id"});
        Dataset<Row> byRecord = records.filter(refused).select("customer_key");
        Dataset<Row> refusedPhones = records.filter(refused.and(col("phone").isNotNull())).select("phone").distinct();
        Dataset<Row> byPhone = records.join(refusedPhones, "phone").select("customer_key");
        Dataset<Row> refusedNames = records.filter(refused).select("store_id", "name").distinct();
        Dataset<Row> byNameInStore = records.join(refusedNames, new String[] {"store_id", "name"}).select("customer_key");
        return byRecord.union(byPhone).union(byNameInStore).distinct();
    }
}
