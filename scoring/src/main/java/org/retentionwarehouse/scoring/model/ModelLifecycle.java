package org.retentionwarehouse.scoring.model;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.retentionwarehouse.scoring.evaluation.Backtest;
import org.retentionwarehouse.scoring.evaluation.PopulationStability;
import org.retentionwarehouse.scoring.evaluation.Scorecard;
import org.retentionwarehouse.scoring.features.CoreInputs;
import org.retentionwarehouse.scoring.features.FeatureBuilder;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.table.TableStore;
import org.retentionwarehouse.warehouse.table.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which model scores a night, and when new ones are trained. Each target has a champion: the
 * newest promoted model trained for a date on or before the night. Challengers are trained for
 * every target when none exists yet, when the last training is {@code retrain_every_days} old, or
 * when the population stability index of a model input or of the churn score against the
 * champion's training night exceeds {@code drift_psi_threshold}; a challenger replaces its champion
 * only if its recipe backtests at least as well as the champion's, and it ranks the same held-out
 * customers at least as well ({@link ChampionChallenger}).
 * Every challenger, promoted or not, is kept in {@code marts.model_registry} and under
 * {@code models/<version>/}.
 */
public final class ModelLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLifecycle.class);
    private static final String CHAMPION = "champion";
    private static final String REJECTED = "rejected";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SAMPLE_BUCKETS = 1_000_000;

    /** Why challengers are trained tonight. */
    public enum Trigger {
        FIRST_MODEL, SCHEDULED, RECIPE_CHANGED, FEATURE_DRIFT, SCORE_DRIFT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A target's model in use: its registry row and the loaded model. */
    public record Champion(Row registry, BoostedClassifier model) {

        public String version() {
            return model.version();
        }

        public LocalDate trainedFor() {
            return registry.<Date>getAs("trained_for_date").toLocalDate();
        }
    }

    private final SparkSession spark;
    private final TableStore tables;
    private final ModelStore store;
    private final RetentionSettings.Scoring settings;
    private final FeatureBuilder features;

    public ModelLifecycle(SparkSession spark, TableStore tables, ModelStore store, RetentionSettings.Scoring settings,
                          FeatureBuilder features) {
        this.spark = spark;
        this.tables = tables;
        this.store = store;
        this.settings = settings;
        this.features = features;
    }

    /** The champion of {@code target} for {@code date}, or null: none promoted yet, or its files unreadable by this release. */
    public Champion champion(Target target, LocalDate date) {
        List<Row> rows = registry(target, date)
                // Rows from before challengers have no status: each of them was the champion.
                .filter(coalesce(col("status"), lit(CHAMPION)).equalTo(CHAMPION))
                .orderBy(col("trained_for_date").desc()).limit(1).collectAsList();
        if (rows.isEmpty()) {
            return null;
        }
        String version = rows.get(0).getAs("model_version");
        try {
            return new Champion(rows.get(0), store.load(version));
        } catch (IllegalStateException e) {
            LOG.warn("{} champion {} cannot be loaded ({}); a new model will be trained", target.id(), version, e.getMessage());
            return null;
        }
    }

    /** Why challengers must be trained before tonight's scoring, or null when the churn champion stands. */
    public Trigger dueBeforeScoring(Champion churn, LocalDate date, Dataset<Row> tonight) {
        if (churn == null) {
            return Trigger.FIRST_MODEL;
        }
        List<Row> latest = registry(Target.CHURN, date).orderBy(col("trained_for_date").desc()).limit(1).collectAsList();
        LocalDate lastTrained = latest.get(0).<Date>getAs("trained_for_date").toLocalDate();
        if (!lastTrained.isAfter(date.minusDays(settings.retrainEveryDays()))) {
            return Trigger.SCHEDULED;
        }
        // Against the last model trained, not the champion: a challenger of tonight's recipe that lost
        // to the champion has already been tried, and trying it every night would not change that.
        String lastVersion = latest.get(0).getAs("model_version");
        if (store.recipe(lastVersion).map(r -> !r.matches(recipe())).orElse(false)) {
            return Trigger.RECIPE_CHANGED;
        }
        if (churn.trainedFor().equals(date)) {
            return null;
        }
        Dataset<Row> reference = snapshot(tables.read(Tables.CUSTOMER_FEATURES), churn.trainedFor());
        return drifted("features", churn, reference, tonight, churn.model().features(), date) ? Trigger.FEATURE_DRIFT : null;
    }

    /** Whether tonight's churn scores (already written) drifted from those of the night the champion was trained. */
    public boolean scoresDrifted(Champion churn, LocalDate date) {
        if (churn.trainedFor().equals(date)) {
            return false;
        }
        Dataset<Row> scores = tables.read(Tables.CUSTOMER_SCORES);
        return drifted("scores", churn, snapshot(scores, churn.trainedFor()), snapshot(scores, date), List.of("churn_probability"),
                date);
    }

    /**
     * Trains a challenger per target on the same labelled history, promotes each that is at least
     * as good as its champion, and records all of them with the rolling-origin backtest of how they
     * were trained ({@link Backtest}). Without a churn model the night cannot go on; without a
     * repurchase model (too few vehicles bought in the history so far) it scores churn alone, and
     * the next training tries again.
     */
    public void retrain(CoreInputs inputs, LocalDate date, Trigger trigger) {
        Recipe recipe = recipe();
        ModelTrainer trainer = ModelTrainer.of(recipe);
        Backtest backtest = new Backtest(features, trainer);
        LocalDate dataStart = inputs.firstVisit();
        List<LocalDate> origins = dataStart == null ? List.of() : backtest.origins(date, settings.backtestOrigins(), dataStart);
        List<LocalDate> trainingCutoffs = features.trainingCutoffs(date);
        Set<LocalDate> cutoffs = new TreeSet<>(trainingCutoffs);
        if (!origins.isEmpty()) {
            cutoffs.addAll(backtest.cutoffs(origins, dataStart));
        }
        // One pass over the warehouse for the training history and every backtest origin's.
        Dataset<Row> all = features.labelledHistory(inputs, List.copyOf(cutoffs));
        List<Row> labelled;
        try {
            labelled = sample(all, trainingCutoffs, date).collectAsList();
        } finally {
            all.unpersist();
        }
        List<Row> history = FeatureBuilder.at(labelled, trainingCutoffs);
        List<Row> registry = new ArrayList<>();
        for (Target target : Target.values()) {
            ModelTrainer.Trained trained;
            try {
                trained = trainer.train(target, target.version(date), recipe.features(), history);
            } catch (ModelTrainer.NotEnoughHistoryException e) {
                // Without any churn model there is nothing to score with, and running the night again
                // will not bring the history: the operator must load more (exit code 2, not a retry).
                if (target == Target.CHURN && champion(target, date.minusDays(1)) == null) {
                    throw new ConfigurationException("scoring " + date + ": " + e.getMessage() + "; the first churn model needs"
                            + " customers whose outcome window (definitions.churn_months) closed before " + date
                            + ": load more history, or shorten the window", e);
                }
                LOG.warn("scoring {}: {}; the {} model stays as it is until a retraining has enough", date, e.getMessage(), target.id());
                continue;
            }
            Champion champion = champion(target, date.minusDays(1));
            // A champion trained on features this release defines otherwise reads tonight's rows wrongly:
            // it can be neither compared on them nor kept.
            Champion comparable = champion != null && store.recipe(champion.version())
                    .map(r -> r.featureDefinitions() != recipe.featureDefinitions()).orElse(false) ? null : champion;
            Backtest.Result tested = backtest.run(target, recipe.features(), origins, labelled);
            ChampionChallenger.Verdict verdict = ChampionChallenger.judge(trained, tested,
                    comparable == null ? null : withoutHoldout(comparable, target),
                    championBacktest(comparable, recipe, target, origins, labelled), target);
            store.save(trained, recipe);
            Scorecard model = trained.holdoutScores();
            Scorecard baseline = trained.baselineScores();
            boolean backtested = !tested.origins().isEmpty();
            registry.add(RowFactory.create(trained.model().version(), Date.valueOf(date),
                    Date.valueOf(trainingCutoffs.get(0)), trained.trainingRows(), "smile.GradientTreeBoost+Platt",
                    model.auc(), baseline.auc(), store.folder(trained.model().version()).toString(), model.prAuc(),
                    model.topDecileLift(), model.brier(), baseline.prAuc(), baseline.topDecileLift(), baseline.brier(),
                    model.toJson(), target.id(), verdict.promote() ? CHAMPION : REJECTED,
                    Double.isNaN(verdict.championAuc()) ? null : verdict.championAuc(), trigger.id(),
                    backtested ? tested.describeOrigins() : null, backtested ? tested.rows() : null,
                    backtested ? tested.model().auc() : null, backtested ? tested.model().prAuc() : null,
                    backtested ? tested.model().topDecileLift() : null, backtested ? tested.model().brier() : null,
                    backtested ? tested.baseline().auc() : null,
                    backtested && tested.bgNbd() != null ? tested.bgNbd().auc() : null,
                    backtested ? tested.model().toJson() : null,
                    Double.isNaN(verdict.championBacktestAuc()) ? null : verdict.championBacktestAuc()));
            LOG.info("scoring {}: {} challenger {} ({}) holdout AUC {} against champion {} AUC {}{}: {}; backtest {}", date,
                    target.id(), trained.model().version(), trigger.id(), String.format(Locale.ROOT, "%.4f", verdict.challengerAuc()),
                    champion == null ? "none" : champion.version(), String.format(Locale.ROOT, "%.4f", verdict.championAuc()),
                    Double.isNaN(verdict.championBacktestAuc()) ? "" : String.format(Locale.ROOT,
                            ", backtest AUC %.4f against the champion's recipe %.4f", verdict.challengerBacktestAuc(),
                            verdict.championBacktestAuc()),
                    verdict.promote() ? "promoted" : "rejected, the champion stays",
                    backtested ? tested.describeOrigins() : "none (not enough history before " + origins + ")");
        }
        tables.merge(Tables.MODEL_REGISTRY, spark.createDataFrame(registry, Tables.MODEL_REGISTRY.schema()));
    }

    /** The champion's twin without the held-out customers, or null when its file cannot be read (then nothing is compared). */
    private BoostedClassifier withoutHoldout(Champion champion, Target target) {
        try {
            return store.loadWithoutHoldout(champion.version());
        } catch (IllegalStateException e) {
            LOG.warn("{} champion {} cannot be compared ({}); the challenger replaces it", target.id(), champion.version(), e.getMessage());
            return null;
        }
    }

    /** How tonight's models are trained: this release's features, the configured trees and definitions. */
    private Recipe recipe() {
        return Recipe.of(settings, features.definitions(), FeatureBuilder.MODEL_FEATURES);
    }

    /**
     * The champion's recipe backtested at tonight's origins on the same rows, or null when there is
     * nothing to compare: no champion or no origins, the champion trained as tonight's recipe trains
     * (on tonight's labels its backtest would be the challenger's), a model from before recipes were
     * kept, or a recipe reading a feature this release no longer computes.
     */
    private Backtest.Result championBacktest(Champion champion, Recipe recipe, Target target, List<LocalDate> origins,
                                             List<Row> labelled) {
        if (champion == null || origins.isEmpty() || labelled.isEmpty()) {
            return null;
        }
        Recipe theirs = store.recipe(champion.version()).orElse(null);
        if (theirs == null || theirs.trainsLike(recipe) || !List.of(labelled.get(0).schema().fieldNames()).containsAll(theirs.features())) {
            return null;
        }
        LOG.info("{} champion {} was trained by another recipe; backtesting it at {}", target.id(), champion.version(), origins);
        return new Backtest(features, ModelTrainer.of(theirs)).run(target, theirs.features(), origins, labelled);
    }

    /**
     * The labelled rows of a sample of whole customers, chosen by a hash of their key (the same ones
     * every time), with about {@code scoring.max_training_rows} rows at the training cutoffs: a
     * large group's models learn as well from a few hundred thousand rows, in minutes and in the
     * driver's memory.
     */
    private Dataset<Row> sample(Dataset<Row> all, List<LocalDate> trainingCutoffs, LocalDate date) {
        long rows = all.filter(col("snapshot_date").isin(trainingCutoffs.stream().map(Date::valueOf).toArray())).count();
        if (rows <= settings.maxTrainingRows()) {
            return all;
        }
        double share = settings.maxTrainingRows() / (double) rows;
        LOG.info("scoring {}: {} labelled rows at the training cutoffs; training on the {}% of customers a hash of their key"
                + " picks", date, rows, String.format(Locale.ROOT, "%.1f", 100 * share));
        return all.filter(pmod(xxhash64(col("customer_key")), lit(SAMPLE_BUCKETS)).lt(Math.round(share * SAMPLE_BUCKETS)));
    }

    /** The registry rows of {@code target} trained for a date on or before {@code date}. */
    private Dataset<Row> registry(Target target, LocalDate date) {
        // Registries from before repurchase models have no target: every model in them predicts churn.
        return tables.read(Tables.MODEL_REGISTRY)
                .filter(coalesce(col("target"), lit(Target.CHURN.id())).equalTo(target.id())
                        .and(col("trained_for_date").leq(lit(Date.valueOf(date)))));
    }

    /**
     * Whether any of {@code columns} moved too far from the champion's training night. The night's
     * profile is kept beside the model ({@code drift-<what>.json}) the first time it is needed, so
     * later nights read it instead of the old snapshot.
     */
    private boolean drifted(String what, Champion champion, Dataset<Row> reference, Dataset<Row> tonight, List<String> columns,
                            LocalDate date) {
        Path file = store.folder(champion.version()).resolve("drift-" + what + ".json");
        PopulationStability profile;
        try {
            if (Files.exists(file)) {
                profile = JSON.readValue(file.toFile(), PopulationStability.class);
            } else if (reference.isEmpty()) {
                LOG.warn("scoring {}: no {} of the champion's training night to measure drift against", date, what);
                return false;
            } else {
                profile = PopulationStability.profile(reference, columns);
                Path written = Files.createTempFile(file.getParent(), ".drift-", ".json");
                JSON.writeValue(written.toFile(), profile);
                Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the drift profile " + file, e);
        }
        Map<String, Double> psi = profile.psi(tonight);
        List<String> missing = psi.entrySet().stream().filter(e -> e.getValue().isNaN()).map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            LOG.warn("scoring {}: {} has no value at all on the champion's night or tonight; left out of the drift measure",
                    date, missing);
        }
        Map.Entry<String, Double> worst = psi.entrySet().stream().filter(e -> !e.getValue().isNaN())
                .max(Map.Entry.comparingByValue()).orElse(null);
        if (worst == null) {
            return false;
        }
        boolean drifted = worst.getValue() > settings.driftPsiThreshold();
        LOG.info("scoring {}: {} drift against the champion's night, largest PSI {} ({}){}", date, what,
                String.format(Locale.ROOT, "%.3f", worst.getValue()), worst.getKey(),
                drifted ? " > " + settings.driftPsiThreshold() + ": retraining" : "");
        return drifted;
    }

    private static Dataset<Row> snapshot(Dataset<Row> table, LocalDate date) {
        Column day = lit(Date.valueOf(date));
        return table.filter(col("snapshot_date").equalTo(day));
    }
}
