package org.retentionwarehouse.ingest.parse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.retentionwarehouse.warehouse.table.SourceEntity;
import org.retentionwarehouse.warehouse.table.SourceField;
import org.retentionwarehouse.warehouse.table.Tables;

/** Transformations from parsed records to staging and quarantine rows. */
public final class StagingRows {

    private StagingRows() {
    }

    /** The rejected records, as {@code staging.quarantine} rows, with what could be read of a refusal among them. */
    public static Dataset<Row> quarantined(Dataset<Row> parsed) {
        return parsed.filter(col("reason").isNotNull())
                .select(col("store_id"), col("entity"), col("batch_date"), col("source_file"), col("source_line"),
                        col("source_record"), col("reason"), col("message"), col("raw_text"),
                        col("values").getItem("refusal").cast("boolean").as("refusal"),
                        col("values").getItem("source_id").as("source_id"), col("values").getItem("phone").as("phone"),
                        col("values").getItem("name").as("name"));
    }

    /**
     * The loadable records of {@code entity} as typed staging rows, one per natural key: when a
     * night carries several versions of a record (a late file beside the current one), the one of
     * the latest business date, then the latest file and line, wins.
     */
    public static Dataset<Row> canonical(Dataset<Row> parsed, SourceEntity entity) {
        List<Column> columns = new ArrayList<>();
        columns.add(col("store_id"));
        for (SourceField field : entity.fields()) {
            columns.add(col("values").getItem(field.name()).cast(field.type().sparkType()).as(Tables.stagingColumn(field)));
        }
        columns.add(col("batch_date"));
        columns.add(col("source_file"));
        columns.add(col("source_line"));
        Dataset<Row> rows = parsed.filter(col("reason").isNull().and(col("entity").equalTo(lit(entity.key()))))
                .select(columns.toArray(Column[]::new));
        List<String> key = Tables.staging(entity).key();
        return rows.withColumn("_version", row_number().over(Window
                        .partitionBy(key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                        .orderBy(col("batch_date").desc(), col("source_file").desc(), col("source_line").desc())))
                .filter(col("_version").equalTo(1))
                .drop("_version");
    }
}
