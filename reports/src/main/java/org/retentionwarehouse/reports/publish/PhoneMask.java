package org.retentionwarehouse.reports.publish;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * Phone numbers as group-level files show them: the first three and last four digits, enough to
 * tell numbers apart, not enough to call. Only a store's own list carries the full number.
 */
public final class PhoneMask {

    private PhoneMask() {
    }

    public static Column mask(Column phone) {
        return when(phone.isNull(), lit(null).cast("string"))
                .when(length(phone).geq(8), concat(substring(phone, 1, 3), lit("****"), substring(phone, -4, 4)))
                .otherwise(lit("****"));
    }
}
