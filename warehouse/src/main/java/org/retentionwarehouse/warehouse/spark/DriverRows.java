package org.retentionwarehouse.warehouse.spark;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Rows built on the driver (cross-reference changes) as a Spark frame, sized for their number. */
public final class DriverRows {

    private static final int LOCAL_ROWS = 100_000;

    private DriverRows() {
    }

    /**
     * A few rows as a local relation, whose known size lets the joins on it broadcast; hundreds of
     * thousands as a distributed collection the tasks convert themselves, since a local relation
     * would copy them once more on the driver and ship them inside a single task.
     */
    public static Dataset<Row> frame(SparkSession spark, List<Row> rows, StructType schema) {
        if (rows.size() < LOCAL_ROWS) {
            return spark.createDataFrame(rows, schema);
        }
        int slices = Math.min(rows.size() / LOCAL_ROWS, 4 * spark.sparkContext().defaultParallelism());
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices), schema);
    }
}
