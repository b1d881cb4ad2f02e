package org.retentionwarehouse.scoring.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.retentionwarehouse.scoring.features.CoreInputs;
import org.retentionwarehouse.scoring.features.FeatureBuilder;
import org.retentionwarehouse.scoring.model.ModelTrainer;
import org.retentionwarehouse.scoring.model.Target;
import org.retentionwarehouse.warehouse.config.RetentionSettings;

/**
 * How close the churn model comes to the best possible, on simulator data: the model is trained as
 * the nightly job would have trained it a churn window after the truth's cutoff, and its held-out
 * customers are scored against what really happened to their persons, beside the logistic
 * baseline and the oracle (the simulator's true churn probabilities) on exactly the same persons.
 */
public final class ChurnEvaluation {

    /** The figures of one evaluation. */
    public record Result(LocalDate cutoff, long trainingRows, Scorecard model, Scorecard baseline, Scorecard oracle,
                         Scorecard modelOnWarehouseLabels, int holdoutCustomers, int matchedPersons) {

        /** Printable lines: one per scorer, then the model's calibration table. */
        public List<String> toLines() {
            List<String> lines = new ArrayList<>();
            lines.add("cutoff " + cutoff + ": " + trainingRows + " training rows, " + holdoutCustomers
                    + " held-out customers, " + matchedPersons + " matched to a person in the truth");
            lines.add("model    " + model.summary());
            lines.add("baseline " + baseline.summary());
            lines.add("oracle   " + oracle.summary());
            lines.add(String.format(Locale.ROOT, "model - oracle: AUC %+.4f, top-decile lift %+.1f%%", model.auc() - oracle.auc(),
                    100 * (model.topDecileLift() / oracle.topDecileLift() - 1)));
            lines.add("model on the warehouse's own labels: " + modelOnWarehouseLabels.summary());
            lines.add("calibration (decile: rows, mean predicted, observed churn rate):");
            for (int i = 0; i < model.calibration().size(); i++) {
                Scorecard.CalibrationBin b = model.calibration().get(i);
                lines.add(String.format(Locale.ROOT, "  %2d: %5d  %.3f  %.3f", i + 1, b.rows(), b.meanPredicted(), b.observedRate()));
            }
            return lines;
        }
    }

    private final FeatureBuilder features;
    private final ModelTrainer trainer;

    public ChurnEvaluation(RetentionSettings settings) {
        this.features = new FeatureBuilder(settings.definitions());
        this.trainer = new ModelTrainer(settings.scoring());
    }

    /**
     * Trains on the warehouse's data as of a churn window after the latest truth cutoff that
     * {@code dataEnd} covers, and scores the held-out customers at that cutoff against the truth.
     */
    public Result evaluate(CoreInputs inputs, Dataset<Row> xref, ChurnTruth truth, LocalDate dataEnd) {
        LocalDate cutoff = truth.latestRealisedCutoff(dataEnd);
        LocalDate trainedOn = cutoff.plusYears(1);
        ModelTrainer.Trained trained = trainer.train(Target.CHURN, "evaluation-" + cutoff, FeatureBuilder.MODEL_FEATURES,
                features.labelledHistory(inputs, features.trainingCutoffs(trainedOn)).collectAsList());

        Map<String, Row> persons = new HashMap<>();
        for (Row r : truth.atCutoff(cutoff, xref).collectAsList()) {
            persons.put(r.getAs("customer_key"), r);
        }
        List<Row> matched = trained.holdout().stream().filter(r -> persons.containsKey(r.<String>getAs("customer_key"))).toList();
        double[][] x = ModelTrainer.matrix(matched, FeatureBuilder.MODEL_FEATURES);
        int[] realised = new int[matched.size()];
        double[] oracle = new double[matched.size()];
        for (int i = 0; i < realised.length; i++) {
            Row person = persons.get(matched.get(i).<String>getAs("customer_key"));
            realised[i] = person.<Integer>getAs("realised_churn");
            oracle[i] = person.getAs("true_churn_probability");
        }
        return new Result(cutoff, trained.trainingRows(), Scorecard.of(realised, trained.model().predict(x)),
                Scorecard.of(realised, trained.baseline().predict(x)), Scorecard.of(realised, oracle),
                trained.holdoutScores(), trained.holdout().size(), matched.size());
    }
}
