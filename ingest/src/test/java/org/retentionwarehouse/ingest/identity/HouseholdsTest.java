package org.retentionwarehouse.ingest.identity;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Households: two people sharing one mobile and one car, the second person's records with neither
 * birth date nor gender, so no identity conflict stops a merge. At a million customers the match
 * model, fitted on blocked pairs that are mostly strangers with the same name in one city, scored
 * such pairs above the threshold. Here the threshold is set so low that every candidate pair scores
 * above it: what keeps two people apart is the resolver's guards alone, and they must, while every
 * person's own records still make one customer.
 */
class HouseholdsTest {

    private static final String SURNAMES = "王李张刘陈杨赵黄周吴";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋";
    private static final String OTHER_SURNAMES = "孙马朱胡郭何高林罗郑";
    private static final String OTHER_GIVEN = "明华红兰英玉秀金桂凤";
    private static final StructType EVIDENCE = new StructType()
            .add("store_id", DataTypes.StringType).add("source_id", DataTypes.StringType)
            .add("name", DataTypes.StringType).add("phone", DataTypes.StringType)
            .add("id_hash", DataTypes.StringType).add("birth_date", DataTypes.DateType)
            .add("gender", DataTypes.StringType).add("customer_type", DataTypes.StringType)
            .add("city", DataTypes.StringType).add("created_date", DataTypes.DateType)
            .add("first_seen", DataTypes.DateType)
            .add("known_key", DataTypes.StringType).add("known_rule", DataTypes.StringType)
            .add("known_score", DataTypes.DoubleType).add("known_first_seen", DataTypes.DateType);
    private static final StructType TRANSACTIONS = new StructType()
            .add("store_id", DataTypes.StringType).add("source_id", DataTypes.StringType).add("token", DataTypes.LongType);

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("households")
                .config("spark.sql.shuffle.partitions", 4).config("spark.ui.enabled", false).getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aSharedPhoneAndCarNeverMergeAHousehold() {
        int persons = 3000;
        int households = 100;
        List<Row> rows = new ArrayList<>();
        List<Row> cars = new ArrayList<>();
        Map<String, Integer> personOf = new HashMap<>();
        for (int p = 0; p < persons; p++) {
            // 100 names in 2 cities: 15 strangers of one name in each, whose birth dates keep them apart
            addPerson(rows, cars, personOf, p, name(p % 100), mobile(p), (p / 100) % 2, p, true);
        }
        for (int h = 0; h < households; h++) {
            int head = persons + 2 * h;
            int s = h % 10;
            int g = (h / 10) % 10;
            addPerson(rows, cars, personOf, head, name(10 * s + g), mobile(head), h % 2, head, true);
            String otherName = "" + OTHER_SURNAMES.charAt(s) + OTHER_GIVEN.charAt(g);
            addPerson(rows, cars, personOf, head + 1, otherName, mobile(head), h % 2, head, false);
        }
        Column recordHash = CustomerEvidence.recordHash(col("store_id"), col("source_id"));
        Dataset<Row> evidence = spark.createDataFrame(rows, EVIDENCE).withColumn("record_hash", recordHash);
        Dataset<Row> transactions = spark.createDataFrame(cars, TRANSACTIONS)
                .select(recordHash.as("record_hash"), col("token"));

        IdentityResolver.Resolution resolution = new IdentityResolver(spark, 1e-9).resolve(evidence, transactions);

        Map<String, Set<Integer>> personsByKey = new HashMap<>();
        Map<Integer, Set<String>> keysByPerson = new HashMap<>();
        for (Row r : resolution.changed().select("source_id", "customer_key").collectAsList()) {
            int person = personOf.get(r.getString(0));
            personsByKey.computeIfAbsent(r.getString(1), k -> new HashSet<>()).add(person);
            keysByPerson.computeIfAbsent(person, k -> new HashSet<>()).add(r.getString(1));
        }
        assertThat(personsByKey.values()).as("customers holding two people").allMatch(set -> set.size() == 1);
        assertThat(keysByPerson).hasSize(persons + 2 * households);
        assertThat(keysByPerson.values()).as("people split into several customers").allMatch(set -> set.size() == 1);
    }

    /**
     * Three records of one person in one store: sales (with the car), service (the car again) and a
     * CRM contact. A household's second person brings the first one's car in.
     */
    private static void addPerson(List<Row> rows, List<Row> cars, Map<String, Integer> personOf, int person, String name, String phone,
                                  int city, long car, boolean identified) {
        String store = city == 0 ? "S01" : "S02";
        Date day = Date.valueOf("2024-01-01");
        for (int r = 0; r < 3; r++) {
            String source = "C" + person + "-" + r;
            personOf.put(source, person);
            boolean first = r == 0 && identified;
            Date birthDate = first ? Date.valueOf(LocalDate.of(1950, 1, 1).plusDays(person)) : null;
            String gender = first ? (person % 2 == 0 ? "M" : "F") : null;
            rows.add(RowFactory.create(store, source, name, phone, null, birthDate, gender, "private",
                    city == 0 ? "杭州" : "南京", day, day, null, null, null, null));
            if (r < 2) {
                cars.add(RowFactory.create(store, source, car));
            }
        }
    }

    private static String name(int n) {
        return "" + SURNAMES.charAt(n / 10) + GIVEN.charAt(n % 10);
    }

    private static String mobile(int person) {
        return String.format("138%08d", person);
    }
}
