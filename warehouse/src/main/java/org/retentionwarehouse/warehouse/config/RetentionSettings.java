package org.retentionwarehouse.warehouse.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every tunable of a deployment, loaded once per run: the embedded defaults
 * ({@code retention-defaults.yaml}) overlaid by the optional {@code conf/retention.yaml} of the
 * data home. Keys are snake_case in YAML.
 */
public record RetentionSettings(Spark spark, Ingest ingest, Definitions definitions, Scoring scoring, Reports reports,
                                Maintenance maintenance) {

    /** How the embedded or cluster Spark session is built. */
    public record Spark(String master, int shufflePartitions, String catalogType, String catalogUri,
                        String warehouseUri, Map<String, String> extra) { }

    /**
     * Limits applied while loading store deliveries, and identity resolution's match threshold (the
     * Fellegi-Sunter probability at or above which two customer records are one person).
     *
     * @param badRowCheckMinRows a store's delivery is judged by {@code maxBadRowFraction} only from this many
     *                           rows on: one bad row in a three-row delta is quarantined, not a broken delivery
     * @param deliveryMarker     when not empty, the file (such as {@code _SUCCESS}) a store writes into its
     *                           delivery folder after its last extract: a folder without it is an upload still
     *                           in progress and counts as not delivered
     */
    public record Ingest(double maxBadRowFraction, int badRowCheckMinRows, String idHashKeyEnv, double matchThreshold,
                         String deliveryMarker) { }

    /** Business definitions of activity, churn, loss and repurchase (months). */
    public record Definitions(int activeMonths, int churnMonths, int lostMonths, int repurchaseMonths) { }

    /**
     * Model training cadence and size.
     *
     * @param driftPsiThreshold retrain before {@code retrainEveryDays} have passed when a model input's or the churn
     *                          score's population stability index against the champion's training night exceeds this
     */
    public record Scoring(int retrainEveryDays, int trees, int maxDepth, double shrinkage, long seed, double driftPsiThreshold,
                          int backtestOrigins, long maxTrainingRows) { }

    /** Call-list publication. */
    public record Reports(String language, int cooldownDays) { }

    /**
     * Upkeep of the Iceberg tables after each night ({@code TableMaintenance}).
     *
     * @param snapshotRetentionDays snapshots older than this are expired with the files only they reference
     * @param minSnapshots          snapshots every table keeps, however old
     * @param compactMinFiles       a partition with this many data files is compacted
     * @param orphanSweepDays       a table's data folder is swept of files no snapshot references this many
     *                              business days after its last sweep
     * @param orphanFileAgeDays     ... and only files older than this are deleted: a younger one may belong to a
     *                              write that has not committed yet
     */
    public record Maintenance(int snapshotRetentionDays, int minSnapshots, int compactMinFiles, int orphanSweepDays,
                              int orphanFileAgeDays) { }

    private static final String DEFAULTS = "retention-defaults.yaml";
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    /** Loads the defaults, overlaid by {@code home/conf/retention.yaml} when it exists. */
    public static RetentionSettings load(DataHome home) {
        ObjectMapper yaml = mapper();
        try (InputStream in = RetentionSettings.class.getResourceAsStream(DEFAULTS)) {
            JsonNode merged = yaml.readTree(in);
            Path overrides = home.settingsFile();
            if (Files.exists(overrides)) {
                JsonNode local = yaml.readTree(overrides.toFile());
                if (local != null && !local.isMissingNode() && !local.isNull()) {
                    deepMerge((ObjectNode) merged, local);
                }
            }
            // Checked before binding, which would stop at the first mistake: one message names them all.
            List<String> wrong = new ArrayList<>();
            if (!checkShape(merged, RetentionSettings.class, "", wrong)) {
                throw new ConfigurationException(home.settingsFile() + ": " + String.join("; ", wrong));
            }
            RetentionSettings settings = yaml.readerFor(RetentionSettings.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(merged);
            settings.checkRanges(home.settingsFile(), wrong);
            return settings;
        } catch (IOException e) {
            throw new ConfigurationException(readError(home.settingsFile(), e), e);
        }
    }

    /**
     * One line for a YAML file that cannot be read: the parser's own message spans lines, with the
     * offending text and a caret under it, which an operator's log or alert shows cut off.
     */
    static String readError(Path file, IOException e) {
        if (!(e instanceof JsonProcessingException parse)) {
            return file + ": " + e.getMessage();
        }
        String problem = parse.getOriginalMessage().lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip).collect(java.util.stream.Collectors.joining("; "));
        return (parse.getLocation() == null ? file + ": " : file + ", line " + parse.getLocation().getLineNr() + ": ")
                + "not valid YAML: " + problem;
    }

    /**
     * Adds to {@code wrong} every unknown key under {@code node} and every value {@code type} cannot hold;
     * false when there is such a value, as the settings cannot then be read at all.
     */
    private static boolean checkShape(JsonNode node, Class<?> type, String key, List<String> wrong) {
        if (type.isRecord()) {
            if (!node.isObject()) {
                wrong.add(key + " is " + describe(node) + ", must be a section");
                return false;
            }
            Map<String, Class<?>> known = new LinkedHashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
                known.put(SNAKE_CASE.translate(component.getName()), component.getType());
            }
            boolean readable = true;
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = key.isEmpty() ? field.getKey() : key + "." + field.getKey();
                Class<?> fieldType = known.get(field.getKey());
                if (fieldType == null) {
                    wrong.add("unknown key '" + at + "'; known keys here: " + known.keySet());
                } else {
                    readable &= checkShape(field.getValue(), fieldType, at, wrong);
                }
            }
            return readable;
        }
        boolean fits;
        if (type == int.class || type == long.class) {
            fits = node.isIntegralNumber() || node.isTextual() && node.asText().matches("-?\\d+");
        } else if (type == double.class) {
            fits = node.isNumber() || node.isTextual() && node.asText().matches("-?\\d+(\\.\\d*)?");
        } else {
            fits = Map.class.isAssignableFrom(type) ? node.isObject() : node.isValueNode();
        }
        if (!fits) {
            wrong.add(key + " is " + describe(node) + ", must be " + expected(type));
        }
        return fits;
    }

    /** What a YAML value read as {@code type} must be, in the words of a message. */
    static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "a section" : type == List.class ? "a list" : "text";
    }

    private static String describe(JsonNode node) {
        return node.isObject() ? "a section" : node.isArray() ? "a list" : node.isTextual() ? "'" + node.asText() + "'" : node.toString();
    }

    /**
     * Stops on any value no night can run with, naming each such key: the YAML types are checked by
     * the mapper, but a negative retention or a threshold above 1 would otherwise fail far from its
     * cause, or not fail at all (a negative file age lets the orphan sweep delete a write in progress).
     */
    private void checkRanges(Path file, List<String> wrong) {
        require(wrong, spark.shufflePartitions() >= 1, "spark.shuffle_partitions", spark.shufflePartitions(), "at least 1");
        require(wrong, ingest.maxBadRowFraction() >= 0 && ingest.maxBadRowFraction() <= 1, "ingest.max_bad_row_fraction",
                ingest.maxBadRowFraction(), "from 0 to 1");
        require(wrong, ingest.badRowCheckMinRows() >= 0, "ingest.bad_row_check_min_rows", ingest.badRowCheckMinRows(),
                "at least 0");
        require(wrong, ingest.idHashKeyEnv() != null && !ingest.idHashKeyEnv().isBlank(), "ingest.id_hash_key_env",
                ingest.idHashKeyEnv(), "an environment variable's name");
        require(wrong, ingest.matchThreshold() > 0 && ingest.matchThreshold() <= 1, "ingest.match_threshold",
                ingest.matchThreshold(), "above 0, at most 1");
        require(wrong, ingest.deliveryMarker() != null && !ingest.deliveryMarker().contains("/"), "ingest.delivery_marker",
                ingest.deliveryMarker(), "a file name, or empty for none");
        require(wrong, definitions.activeMonths() >= 1, "definitions.active_months", definitions.activeMonths(), "at least 1");
        require(wrong, definitions.churnMonths() >= 1, "definitions.churn_months", definitions.churnMonths(), "at least 1");
        require(wrong, definitions.lostMonths() >= 1, "definitions.lost_months", definitions.lostMonths(), "at least 1");
        require(wrong, definitions.repurchaseMonths() >= 1, "definitions.repurchase_months", definitions.repurchaseMonths(),
                "at least 1");
        require(wrong, scoring.retrainEveryDays() >= 1, "scoring.retrain_every_days", scoring.retrainEveryDays(), "at least 1");
        require(wrong, scoring.trees() >= 1, "scoring.trees", scoring.trees(), "at least 1");
        // Smile's trees need a root and a level of leaves.
        require(wrong, scoring.maxDepth() >= 2, "scoring.max_depth", scoring.maxDepth(), "at least 2");
        require(wrong, scoring.shrinkage() > 0 && scoring.shrinkage() <= 1, "scoring.shrinkage", scoring.shrinkage(),
                "above 0, at most 1");
        require(wrong, scoring.driftPsiThreshold() > 0, "scoring.drift_psi_threshold", scoring.driftPsiThreshold(), "above 0");
        require(wrong, scoring.backtestOrigins() >= 0, "scoring.backtest_origins", scoring.backtestOrigins(), "at least 0");
        require(wrong, scoring.maxTrainingRows() >= 1, "scoring.max_training_rows", scoring.maxTrainingRows(), "at least 1");
        require(wrong, "zh".equals(reports.language()) || "en".equals(reports.language()), "reports.language",
                reports.language(), "zh or en");
        require(wrong, reports.cooldownDays() >= 0, "reports.cooldown_days", reports.cooldownDays(), "at least 0");
        require(wrong, maintenance.snapshotRetentionDays() >= 0, "maintenance.snapshot_retention_days",
                maintenance.snapshotRetentionDays(), "at least 0");
        require(wrong, maintenance.minSnapshots() >= 1, "maintenance.min_snapshots", maintenance.minSnapshots(), "at least 1");
        require(wrong, maintenance.compactMinFiles() >= 2, "maintenance.compact_min_files", maintenance.compactMinFiles(),
                "at least 2");
        require(wrong, maintenance.orphanSweepDays() >= 1, "maintenance.orphan_sweep_days", maintenance.orphanSweepDays(),
                "at least 1");
        require(wrong, maintenance.orphanFileAgeDays() >= 1, "maintenance.orphan_file_age_days",
                maintenance.orphanFileAgeDays(), "at least 1");
        if (!wrong.isEmpty()) {
            throw new ConfigurationException(file + ": " + String.join("; ", wrong));
        }
    }

    private static void require(List<String> wrong, boolean valid, String key, Object value, String expected) {
        if (!valid) {
            wrong.add(key + " is " + value + ", must be " + expected);
        }
    }

    static ObjectMapper mapper() {
        return new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static void deepMerge(ObjectNode target, JsonNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            // A key left empty (a section whose lines are all commented out) keeps its default.
            if (field.getValue().isNull()) {
                continue;
            }
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                deepMerge(existingObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }
}
