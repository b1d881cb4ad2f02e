package org.retentionwarehouse.warehouse.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.spark.ForklessLocalFileSystem;
import org.retentionwarehouse.warehouse.spark.SparkSessionFactory;

/** MERGE semantics on real Iceberg tables. */
class TableStoreTest {

    @TempDir
    static Path home;

    static SparkSession spark;
    static TableStore tables;

    @BeforeAll
    static void start() {
        DataHome dataHome = new DataHome(home);
        spark = SparkSessionFactory.create(dataHome, RetentionSettings.load(dataHome));
        tables = new TableStore(spark);
        tables.createMissing();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void anEmbeddedSessionWritesTheWarehouseThroughTheLocalFileSystemThatForksNoChmod() throws IOException {
        assertThat(FileSystem.get(home.toUri(), spark.sparkContext().hadoopConfiguration()))
                .isInstanceOf(ForklessLocalFileSystem.class);
    }

    @Test
    void mergingTheSameRowsTwiceAddsNoSnapshotAndReplaceDeletesWithinScope() {
        tables.merge(Tables.DIM_STORE, stores(row("S01", 10), row("S02", 20)));
        long snapshots = snapshots();
        tables.merge(Tables.DIM_STORE, stores(row("S01", 10), row("S02", 20)));
        assertThat(tables.read(Tables.DIM_STORE).count()).isEqualTo(2);
        assertThat(snapshots()).isEqualTo(snapshots);

        tables.replace(Tables.DIM_STORE, stores(row("S01", 15)), "t.store_id = 'S01' OR t.store_id = 'S02'");
        List<Row> rows = tables.read(Tables.DIM_STORE).collectAsList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).<Integer>getAs("calling_capacity")).isEqualTo(15);

        tables.replace(Tables.DIM_STORE, stores(row("S03", 30)), TableStore.WHOLE_TABLE);
        assertThat(tables.read(Tables.DIM_STORE).collectAsList()).extracting(r -> r.getString(0)).containsExactly("S03");
    }

    @Test
    void onlyNewKeysAndAChangeToOrFromNullAreWrittenAlike() {
        tables.replace(Tables.DIM_STORE, stores(row("S01", 10)), TableStore.WHOLE_TABLE);
        tables.merge(Tables.DIM_STORE, stores(row("S04", 40), row("S05", 50)));
        tables.merge(Tables.DIM_STORE, spark.createDataFrame(List.of(RowFactory.create("S04", "store S04", null, "brand", 40,
                "alpha_csv")), Tables.DIM_STORE.schema()));
        assertThat(tables.read(Tables.DIM_STORE).where("store_id = 'S04'").first().isNullAt(2)).isTrue();
        tables.merge(Tables.DIM_STORE, stores(row("S04", 40), row("S06", 60)));
        assertThat(tables.read(Tables.DIM_STORE).orderBy("store_id").collectAsList())
                .extracting(r -> r.getString(0) + " " + r.getString(2) + " " + r.getInt(4))
                .containsExactly("S01 city 10", "S04 city 40", "S05 city 50", "S06 city 60");
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOne() {
        WarehouseTable customers = Tables.staging(SourceEntity.CUSTOMER);
        tables.merge(customers, customer("2026-11-03", "Z"));
        tables.merge(customers, customer("2026-11-02", "Y"));
        assertThat(tables.read(customers).select("name").first().getString(0)).isEqualTo("Z");
        tables.merge(customers, customer("2026-11-04", "X"));
        assertThat(tables.read(customers).select("name").first().getString(0)).isEqualTo("X");
    }

    @Test
    void aTableFromAnOlderReleaseGainsTheColumnsDefinedSinceAndKeepsItsRows() {
        String name = Tables.RUN_LOG.qualifiedName();
        spark.sql("DROP TABLE " + name);
        // The run log as an older release would have created it: without the value column.
        spark.sql("CREATE TABLE " + name + " (business_date DATE, step STRING, metric STRING, store_id STRING, entity STRING)"
                + " USING iceberg");
        spark.sql("INSERT INTO " + name + " VALUES (DATE '2026-11-01', 'ingest', 'rows_read', 'S01', 'customer')");
        tables.createMissing();
        List<Row> rows = tables.read(Tables.RUN_LOG).collectAsList();
        assertThat(tables.read(Tables.RUN_LOG).columns()).containsExactly(Tables.RUN_LOG.schema().fieldNames());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).isNullAt(rows.get(0).fieldIndex("value"))).isTrue();
        // It also starts deleting its old metadata files and packs small files into fewer read tasks,
        // as a table created now does.
        assertThat(spark.sql("SHOW TBLPROPERTIES " + name).collectAsList()).extracting(r -> r.getString(0) + "=" + r.getString(1))
                .contains("write.metadata.delete-after-commit.enabled=true", "write.metadata.previous-versions-max=20",
                        "read.split.open-file-cost=262144");
        assertThat(spark.sql("SHOW TBLPROPERTIES " + Tables.DIM_STORE.qualifiedName()).collectAsList())
                .extracting(r -> r.getString(0) + "=" + r.getString(1))
                .contains("write.metadata.delete-after-commit.enabled=true", "read.split.open-file-cost=262144",
                        "write.parquet.compression-codec=zstd", "write.distribution-mode=hash");
        tables.merge(Tables.RUN_LOG, spark.sql("SELECT DATE '2026-11-02' business_date, 'ingest' step, 'rows_read' metric,"
                + " 'S01' store_id, 'customer' entity, 7L value"));
        assertThat(tables.read(Tables.RUN_LOG).count()).isEqualTo(2);
    }

    @Test
    void aNightGoesIntoItsEmptyPartitionAsItIsLeavingTheCallersCacheAndIsThenReplacedByKey() {
        WarehouseTable scores = Tables.CUSTOMER_SCORES;
        String first = "t.snapshot_date = DATE '2026-11-01'";
        // Cached by the caller, as the scoring step caches tonight's features for the models after the write.
        Dataset<Row> night = scores("2026-11-01", "C1", "C2").cache();
        tables.replace(scores, night, first);
        assertThat(night.storageLevel()).as("the caller's cache").isNotEqualTo(StorageLevel.NONE());
        long snapshots = snapshots(scores);
        tables.replace(scores, night, first);
        assertThat(snapshots(scores)).as("a re-run commits nothing").isEqualTo(snapshots);

        tables.replace(scores, scores("2026-11-02", "C1"), "t.snapshot_date = DATE '2026-11-02'");
        tables.replace(scores, scores("2026-11-01", "C2", "C3"), first);
        assertThat(tables.read(scores).orderBy("snapshot_date", "customer_key").collectAsList())
                .extracting(r -> r.getDate(r.fieldIndex("snapshot_date")) + " " + r.getAs("customer_key"))
                .containsExactly("2026-11-01 C2", "2026-11-01 C3", "2026-11-02 C1");
        night.unpersist();
    }

    @Test
    void maintenanceCompactsACrowdedPartitionAndExpiresOldSnapshotsWithTheFilesOnlyTheyHeld() throws IOException {
        WarehouseTable scores = Tables.CUSTOMER_SCORES;
        // Each night's new keys are appended: one more small file in the partition every time.
        for (int night = 0; night < 21; night++) {
            tables.merge(scores, scores("2026-12-01", "M" + night));
        }
        Path partition = home.resolve("warehouse/marts/customer_scores/data/snapshot_date=2026-12-01");
        assertThat(files(partition, ".parquet")).isEqualTo(21);
        List<String> contents = sortedContents(scores);
        TableMaintenance maintenance = new TableMaintenance(spark, new RetentionSettings.Maintenance(0, 1, 20, 7, 3));
        LocalDate night = LocalDate.of(2026, 12, 2);
        long snapshotsBefore = snapshots(scores);

        TableMaintenance.Result done = maintenance.maintain(scores, night);
        assertThat(done.filesRewritten()).isEqualTo(21);
        assertThat(done.filesWritten()).isEqualTo(1);
        assertThat(done.expiredSnapshots()).as("all but the compaction's").isEqualTo(snapshotsBefore);
        assertThat(sortedContents(scores)).isEqualTo(contents);
        assertThat(snapshots(scores)).isEqualTo(1);
        // Every commit wrote a metadata file; the table keeps the last 20 of the old ones.
        Path metadata = home.resolve("warehouse/marts/customer_scores/metadata");
        assertThat(files(metadata, ".metadata.json")).isLessThanOrEqualTo(21);

        // The compaction's snapshot still names the files it replaced; once it expires in turn, they go.
        tables.merge(scores, scores("2026-12-01", "M21"));
        assertThat(maintenance.maintain(scores, night)).isEqualTo(new TableMaintenance.Result(0, 0, 0, 1, 0, 0));
        assertThat(files(partition, ".parquet")).isEqualTo(2);

        long metadataFiles = files(metadata, ".metadata.json");
        assertThat(maintenance.maintain(scores, night)).as("nothing left to do").isEqualTo(new TableMaintenance.Result(0, 0, 0, 0, 0, 0));
        assertThat(files(metadata, ".metadata.json")).isEqualTo(metadataFiles);
        spark.sql("DELETE FROM " + scores.qualifiedName() + " WHERE snapshot_date = DATE '2026-12-01'");
    }

    @Test
    void maintenanceDeletesDataFilesNoSnapshotReferencesOnceAWeekWhenTheyAreOldEnough() throws IOException {
        WarehouseTable scores = Tables.CUSTOMER_SCORES;
        tables.merge(scores, scores("2026-12-10", "O1", "O2"));
        List<String> contents = sortedContents(scores);
        Path partition = home.resolve("warehouse/marts/customer_scores/data/snapshot_date=2026-12-10");
        Path committed;
        try (java.util.stream.Stream<Path> paths = Files.list(partition)) {
            committed = paths.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        // What a night killed while writing leaves: a file no commit names. One from last week, one from now.
        Path killedLastWeek = Files.copy(committed, partition.resolve("00000-killed-last-week.parquet"));
        Files.setLastModifiedTime(killedLastWeek, FileTime.from(Instant.now().minus(Duration.ofDays(7))));
        Path beingWritten = Files.copy(committed, partition.resolve("00000-being-written.parquet"));
        TableMaintenance maintenance = new TableMaintenance(spark, new RetentionSettings.Maintenance(7, 5, 20, 7, 3));

        assertThat(maintenance.maintain(scores, LocalDate.of(2026, 12, 10)).orphanFilesDeleted()).isEqualTo(1);
        assertThat(killedLastWeek).doesNotExist();
        assertThat(beingWritten).as("younger than orphan_file_age_days").exists();
        assertThat(committed).exists();
        assertThat(sortedContents(scores)).isEqualTo(contents);

        Files.setLastModifiedTime(beingWritten, FileTime.from(Instant.now().minus(Duration.ofDays(4))));
        assertThat(maintenance.maintain(scores, LocalDate.of(2026, 12, 16))).as("six days after the last sweep")
                .isEqualTo(new TableMaintenance.Result(0, 0, 0, 0, 0, 0));
        assertThat(maintenance.maintain(scores, LocalDate.of(2026, 12, 17)).orphanFilesDeleted()).isEqualTo(1);
        assertThat(beingWritten).doesNotExist();
        assertThat(sortedContents(scores)).isEqualTo(contents);
        spark.sql("DELETE FROM " + scores.qualifiedName() + " WHERE snapshot_date = DATE '2026-12-10'");
    }

    @Test
    void eachNightSweepsItsShareOfTheTablesSoThatEveryTableIsSweptOncePerPeriod() {
        TableMaintenance maintenance = new TableMaintenance(spark, new RetentionSettings.Maintenance(7, 5, 20, 7, 3));
        LocalDate first = LocalDate.of(2027, 1, 1);
        List<Integer> swept = new ArrayList<>();
        int tableCount = 0;
        for (int night = 0; night < 7; night++) {
            TableMaintenance.Summary summary = maintenance.run(first.plusDays(night));
            tableCount = summary.tables();
            swept.add(summary.done().sweptTables());
        }
        int share = (tableCount + 6) / 7;
        assertThat(tableCount).isGreaterThan(7);
        assertThat(swept).as("tables swept per night").allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(share));
        assertThat(swept.stream().mapToInt(Integer::intValue).sum()).as("every table once").isEqualTo(tableCount);
        assertThat(maintenance.run(first.plusDays(7)).done().sweptTables()).as("the first night's, a week later")
                .isEqualTo(swept.get(0));

        Catalog catalog = Spark3Util.loadIcebergCatalog(spark, SparkSessionFactory.CATALOG);
        for (WarehouseTable t : Tables.all()) {
            catalog.loadTable(TableIdentifier.of(t.namespace(), t.name())).updateProperties()
                    .remove(TableMaintenance.ORPHANS_SWEPT).commit();
        }
    }

    private static long files(Path folder, String suffix) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.list(folder)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }

    private static List<String> sortedContents(WarehouseTable table) {
        return tables.read(table).collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /** A score row per customer for the night, every other column null or, where required, zero. */
    private static Dataset<Row> scores(String night, String... customers) {
        StructType schema = Tables.CUSTOMER_SCORES.schema();
        List<Row> rows = java.util.Arrays.stream(customers).map(customer -> RowFactory.create(
                java.util.Arrays.stream(schema.fields()).map(f -> switch (f.name()) {
                    case "snapshot_date" -> java.sql.Date.valueOf(night);
                    case "customer_key" -> customer;
                    default -> f.nullable() ? null : zero(f.dataType());
                }).toArray())).toList();
        return spark.createDataFrame(rows, schema);
    }

    private static Object zero(DataType type) {
        if (type instanceof DoubleType) {
            return 0.0;
        }
        if (type instanceof StringType) {
            return "";
        }
        throw new IllegalArgumentException("no zero for " + type);
    }

    private static Dataset<Row> customer(String batchDate, String name) {
        return spark.sql("SELECT 'S01' store_id, 'A1' source_id, 'sales' source_system, '" + name + "' name,"
                + " null phone, null id_hash, null gender, null birth_date, 'private' customer_type, null company_name,"
                + " null tier, null opt_out, null blacklist, null city, DATE '2020-01-01' created_date,"
                + " DATE '" + batchDate + "' batch_date, 'f' source_file, 2 source_line");
    }

    private static long snapshots() {
        return snapshots(Tables.DIM_STORE);
    }

    private static long snapshots(WarehouseTable table) {
        return spark.sql("SELECT * FROM " + table.qualifiedName() + ".snapshots").count();
    }

    private static Row row(String id, int capacity) {
        return RowFactory.create(id, "store " + id, "city", "brand", capacity, "alpha_csv");
    }

    private static Dataset<Row> stores(Row... rows) {
        return spark.createDataFrame(List.of(rows), Tables.DIM_STORE.schema());
    }
}
