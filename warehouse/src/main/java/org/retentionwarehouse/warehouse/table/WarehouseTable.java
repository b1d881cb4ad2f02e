package org.retentionwarehouse.warehouse.table;

import java.util.List;
import org.apache.spark.sql.types.StructType;
import org.retentionwarehouse.warehouse.spark.SparkSessionFactory;

/**
 * The contract of one Iceberg table: where it lives, its columns, how it is partitioned and which
 * columns identify a row (the MERGE key).
 *
 * @param versionColumn when set, a MERGE never replaces a row with one whose version is older
 *                      (a late file must not undo a newer correction); null for derived tables
 */
public record WarehouseTable(String namespace, String name, StructType schema, List<String> partitionBy,
                             List<String> key, String versionColumn, String comment) {

    /** Fully qualified name in the warehouse catalog, e.g. {@code rw.core.dim_customer}. */
    public String qualifiedName() {
        return SparkSessionFactory.CATALOG + "." + namespace + "." + name;
    }
}
