package org.retentionwarehouse.warehouse.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
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
     */
    /**
     * @param badRowCheckMinRows a store's delivery is judged by {@code maxBadRowFraction} only from this many
     *                           rows on: one bad row in a three-row delta is quarantined, not a broken delivery
     */
    public record Ingest(double maxBadRowFraction, int badRowCheckMinRows, String idHashKeyEnv, double matchThreshold) { }

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
            return yaml.treeToValue(merged, RetentionSettings.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigurationException(home.settingsFile() + ": unknown key '" + e.getPropertyName()
                    + "' at " + e.getPathReference() + "; known keys: " + e.getKnownPropertyIds());
        } catch (IOException e) {
            throw new ConfigurationException(home.settingsFile() + ": " + e.getMessage(), e);
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
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                deepMerge(existingObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }
}
