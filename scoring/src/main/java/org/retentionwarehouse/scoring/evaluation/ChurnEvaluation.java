package org.retentionwarehouse.scoring.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.retentionwarehouse.scoring.features.CoreInputs;
import org.retentionwarehouse.scoring.features.FeatureBuilder;
import org.retentionwarehouse.scoring.model.Metrics;
import org.retentionwarehouse.scoring.model.ModelTrainer;
import org.retentionwarehouse.scoring.model.Target;
import org.retentionwarehouse.warehouse.config.RetentionSettings;

/**
 * How close the churn model comes to the best possible, on simulator data: the rolling-origin
 * {@link Backtest} at every truth cutoff whose outcome the warehouse already holds, its customers
 * matched to the simulator's persons and judged against what really happened to them, beside the
 * logistic baseline, BG/NBD's probability of no visit, and three oracles on exactly the same persons.
 * The oracle given the records is the best any model of the warehouse's data could do: the
 * behaviour model itself, knowing of each person's latent loyalty only what their records say. The
 * oracle given the history also knows that loyalty, and the true probability also knows whether a
 * person has already left the group, which no data shows.
 */
public final class ChurnEvaluation {

    /** The figures of one evaluation, pooled over the origins, and each origin's AUCs. */
    public record Result(Backtest.Result backtest, Scorecard model, Scorecard baseline, Scorecard bgNbd, Scorecard recordsOracle,
                         Scorecard historyOracle, Scorecard trueProbability, Scorecard toldLoyalty, int matchedPersons,
                         List<String> originLines) {

        /** Printable lines: the origins, one line per scorer, the gaps, then the model's calibration table. */
        public List<String> toLines() {
            List<String> lines = new ArrayList<>();
            lines.add("rolling-origin backtest, " + backtest.origins().size() + " origins, " + backtest.rows()
                    + " customers scored, " + matchedPersons + " matched to a person in the truth");
            lines.add("origin      training rows  AUC: model  baseline  BG/NBD  oracles: records  history  true probability");
            lines.addAll(originLines);
            lines.add("pooled over the origins, against what happened to the persons:");
            lines.add("model            " + model.summary());
            lines.add("baseline         " + baseline.summary());
            lines.add("BG/NBD no visit  " + bgNbd.summary());
            lines.add("oracle given the records " + recordsOracle.summary());
            lines.add("oracle given the history " + historyOracle.summary());
            lines.add("true probability " + trueProbability.summary());
            if (toldLoyalty != null) {
                lines.add("model told loyalty " + toldLoyalty.summary());
            }
            lines.add(gap("model", model, "oracle given the records", recordsOracle));
            lines.add(gap("model", model, "oracle given the history", historyOracle));
            lines.add(gap("model", model, "true probability", trueProbability));
            if (toldLoyalty != null) {
                lines.add(gap("model told loyalty", toldLoyalty, "oracle given the history", historyOracle));
            }
            lines.add("model on the warehouse's own labels: " + backtest.model().summary());
            lines.add("calibration (decile: rows, mean predicted, observed churn rate):");
            for (int i = 0; i < model.calibration().size(); i++) {
                Scorecard.CalibrationBin b = model.calibration().get(i);
                lines.add(String.format(Locale.ROOT, "  %2d: %5d  %.3f  %.3f", i + 1, b.rows(), b.meanPredicted(), b.observedRate()));
            }
            return lines;
        }

        private static String gap(String name, Scorecard scores, String bestName, Scorecard best) {
            return String.format(Locale.ROOT, "%s - %s: AUC %+.4f, top-decile lift %+.1f%%", name, bestName, scores.auc() - best.auc(),
                    100 * (scores.topDecileLift() / best.topDecileLift() - 1));
        }
    }

    private final FeatureBuilder features;
    private final Backtest backtest;

    public ChurnEvaluation(RetentionSettings settings) {
        this.features = new FeatureBuilder(settings.definitions());
        this.backtest = new Backtest(features, new ModelTrainer(settings.scoring()));
    }

    /**
     * Backtests the churn model at every truth cutoff a year or more before {@code dataEnd}; with
     * {@code toldLoyalty}, also the same model given each person's latent loyalty as one more input,
     * which shows how much of the gap to the oracle given the history is the loyalty the warehouse cannot see.
     */
    public Result evaluate(CoreInputs inputs, Dataset<Row> xref, ChurnTruth truth, LocalDate dataEnd, boolean toldLoyalty) {
        List<LocalDate> origins = truth.realisedCutoffs(dataEnd);
        Dataset<Row> history = features.labelledHistory(inputs, backtest.cutoffs(origins, inputs.firstVisit()));
        List<Row> labelled;
        try {
            labelled = history.collectAsList();
        } finally {
            history.unpersist();
        }
        if (toldLoyalty) {
            labelled = withLoyalty(labelled, truth.loyalty(xref));
        }
        Backtest.Result result = backtest.run(Target.CHURN, FeatureBuilder.MODEL_FEATURES, origins, labelled);
        if (result.origins().isEmpty()) {
            throw new ModelTrainer.NotEnoughHistoryException(Target.CHURN, "no truth cutoff among " + origins
                    + " has enough history before it to train on");
        }
        Backtest.Result told = toldLoyalty ? backtest.run(Target.CHURN,
                Stream.concat(FeatureBuilder.MODEL_FEATURES.stream(), Stream.of(ChurnTruth.LOYALTY)).toList(), origins, labelled) : null;
        // Each origin's customer -> person, read in one pass over the truth.
        Map<String, Row> persons = new HashMap<>();
        for (Row r : truth.atCutoffs(result.origins().stream().map(Backtest.Origin::date).toList(), xref).collectAsList()) {
            persons.put(r.getAs("cutoff") + " " + r.getAs("customer_key"), r);
        }
        Pooled pooled = new Pooled();
        List<String> originLines = new ArrayList<>();
        for (int o = 0; o < result.origins().size(); o++) {
            Backtest.Origin origin = result.origins().get(o);
            // Both backtests ran on the same rows: their origins hold the same customers in the same order.
            double[] toldScores = told == null ? null : told.origins().get(o).model();
            Pooled one = new Pooled();
            for (int i = 0; i < origin.customers().size(); i++) {
                Row person = persons.get(origin.date() + " " + origin.customers().get(i).<String>getAs("customer_key"));
                if (person != null) {
                    one.add(person, origin, toldScores, i);
                    pooled.add(person, origin, toldScores, i);
                }
            }
            originLines.add(String.format(Locale.ROOT, "%s  %13d  %10.4f  %8.4f  %6.4f  %16.4f  %7.4f  %.4f", origin.date(),
                    origin.trainingRows(), one.auc(one.model), one.auc(one.baseline), one.auc(one.bgNbd),
                    one.auc(one.recordsOracle), one.auc(one.historyOracle), one.auc(one.trueProbability)));
        }
        int[] realised = pooled.realised.stream().mapToInt(Integer::intValue).toArray();
        return new Result(result, Scorecard.of(realised, pooled.scores(pooled.model)), Scorecard.of(realised, pooled.scores(pooled.baseline)),
                Scorecard.of(realised, pooled.scores(pooled.bgNbd)), Scorecard.of(realised, pooled.scores(pooled.recordsOracle)),
                Scorecard.of(realised, pooled.scores(pooled.historyOracle)),
                Scorecard.of(realised, pooled.scores(pooled.trueProbability)),
                told == null ? null : Scorecard.of(realised, pooled.scores(pooled.toldLoyalty)), realised.length, originLines);
    }

    /**
     * {@code labelled} in the same order, each row with its customer's {@link ChurnTruth#LOYALTY}
     * (null without a person), so that the model's own backtest is the same with it as without.
     */
    private static List<Row> withLoyalty(List<Row> labelled, Dataset<Row> loyalty) {
        Map<String, Double> byCustomer = new HashMap<>();
        loyalty.collectAsList().forEach(r -> byCustomer.put(r.getString(0), r.isNullAt(1) ? null : r.getDouble(1)));
        if (labelled.isEmpty()) {
            return labelled;
        }
        StructType schema = labelled.get(0).schema().add(ChurnTruth.LOYALTY, DataTypes.DoubleType, true);
        return labelled.stream().map(r -> {
            Object[] values = new Object[r.length() + 1];
            for (int i = 0; i < r.length(); i++) {
                values[i] = r.get(i);
            }
            values[r.length()] = byCustomer.get(r.<String>getAs("customer_key"));
            return (Row) new GenericRowWithSchema(values, schema);
        }).toList();
    }

    /** Scores of matched persons, side by side. */
    private static final class Pooled {
        final List<Integer> realised = new ArrayList<>();
        final List<Double> model = new ArrayList<>();
        final List<Double> baseline = new ArrayList<>();
        final List<Double> bgNbd = new ArrayList<>();
        final List<Double> recordsOracle = new ArrayList<>();
        final List<Double> historyOracle = new ArrayList<>();
        final List<Double> trueProbability = new ArrayList<>();
        final List<Double> toldLoyalty = new ArrayList<>();

        /** The person's outcome and oracles beside the scores of the origin's customer {@code i}. */
        void add(Row person, Backtest.Origin origin, double[] toldScores, int i) {
            if (toldScores != null) {
                toldLoyalty.add(toldScores[i]);
            }
            realised.add(person.<Integer>getAs("realised_churn"));
            model.add(origin.model()[i]);
            baseline.add(origin.baseline()[i]);
            bgNbd.add(origin.bgNbd()[i]);
            recordsOracle.add(person.getAs(ChurnTruth.RECORDS));
            historyOracle.add(person.getAs(ChurnTruth.HISTORY));
            trueProbability.add(person.getAs("true_churn_probability"));
        }

        double[] scores(List<Double> of) {
            return of.stream().mapToDouble(Double::doubleValue).toArray();
        }

        double auc(List<Double> of) {
            return Metrics.auc(realised.stream().mapToInt(Integer::intValue).toArray(), scores(of));
        }
    }
}
