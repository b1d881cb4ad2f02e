package org.retentionwarehouse.reports.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * A dataset as one plain Parquet file, which any BI tool or engine opens without a catalog or a
 * Spark-style folder of part files.
 */
public final class ParquetFiles {

    private ParquetFiles() {
    }

    public static void write(Dataset<Row> rows, Path file) throws IOException {
        Path parts = file.resolveSibling("." + file.getFileName() + ".parts");
        rows.coalesce(1).write().mode(SaveMode.Overwrite).parquet(parts.toUri().toString());
        List<Path> written;
        try (Stream<Path> files = Files.list(parts)) {
            written = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        }
        if (written.size() != 1) {
            throw new IOException("expected one Parquet part for " + file + ", Spark wrote " + written.size());
        }
        Files.move(written.get(0), file);
        OutputPublisher.deleteTree(parts);
    }
}
