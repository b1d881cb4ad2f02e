package org.retentionwarehouse.scoring.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.retentionwarehouse.scoring.features.FeatureBuilder;
import org.retentionwarehouse.scoring.model.BoostedClassifier;
import org.retentionwarehouse.scoring.model.Metrics;
import org.retentionwarehouse.scoring.model.ModelTrainer;
import org.retentionwarehouse.scoring.model.Target;

/**
 * Rolling-origin backtest of how a target's model is trained: at each origin (a past night whose
 * outcome window has since closed) a model is trained exactly as that night would have trained it,
 * on the cutoffs whose outcomes were known then, and it scores every customer active at the
 * origin; the scores are judged against what then happened. Unlike a held-out share of customers
 * at the training cutoffs, this measures the model the way it is used: on customers it may have
 * seen before, a whole outcome window after its newest label. Origins are a quarter apart, latest
 * first.
 */
public final class Backtest {

    /**
     * One origin: the customers active then, with their labels, both models' scores and, for churn,
     * BG/NBD's probability of no workshop visit in the next 52 weeks ({@code p_no_visit_12m}; 0.5,
     * no opinion, for a customer who has bought but never visited); null for another target.
     */
    public record Origin(LocalDate date, long trainingRows, List<Row> customers, int[] labels, double[] model,
                         double[] baseline, double[] bgNbd) {

        public double auc() {
            return Metrics.auc(labels, model);
        }
    }

    /**
     * Every origin a model could be trained for, and the scores of all of them pooled (null without
     * origins; {@code bgNbd} also null for a target other than churn).
     */
    public record Result(List<Origin> origins, Scorecard model, Scorecard baseline, Scorecard bgNbd) {

        /** The origins and their AUCs, for logs and the registry: {@code 2025-11-01 0.8312, 2025-08-01 0.8275}. */
        public String describeOrigins() {
            return origins.stream().map(o -> String.format(Locale.ROOT, "%s %.4f", o.date(), o.auc()))
                    .collect(Collectors.joining(", "));
        }

        public long rows() {
            return origins.stream().mapToLong(o -> o.labels().length).sum();
        }
    }

    private static final String NO_VISIT = "p_no_visit_12m";

    private final FeatureBuilder features;
    private final ModelTrainer trainer;

    public Backtest(FeatureBuilder features, ModelTrainer trainer) {
        this.features = features;
        this.trainer = trainer;
    }

    /**
     * Up to {@code count} latest origins whose outcome windows have closed by {@code date}, latest
     * first; none whose newest training cutoff falls before {@code dataStart} (the first day the
     * warehouse holds), which would have nothing to learn from.
     */
    public List<LocalDate> origins(LocalDate date, int count, LocalDate dataStart) {
        LocalDate latest = features.trainingCutoffs(date).get(0);
        return IntStream.range(0, count).mapToObj(i -> latest.minusMonths(3L * i))
                .filter(o -> !features.trainingCutoffs(o).get(0).isBefore(dataStart)).toList();
    }

    /**
     * The cutoffs whose labelled features the backtest of {@code origins} reads, latest first: the
     * origins and their training cutoffs, none before {@code dataStart}.
     */
    public List<LocalDate> cutoffs(List<LocalDate> origins, LocalDate dataStart) {
        TreeSet<LocalDate> all = new TreeSet<>(origins);
        origins.forEach(o -> all.addAll(features.trainingCutoffs(o)));
        return List.copyOf(all.tailSet(dataStart, true).descendingSet());
    }

    /**
     * Runs the backtest of a model of {@code modelFeatures} on {@code labelled}, the labelled features of
     * (at least) {@link #cutoffs}.
     * An origin with too little history before it to train on is left out; the result has no
     * origins at all, and no scorecards, when none has enough.
     */
    public Result run(Target target, List<String> modelFeatures, List<LocalDate> origins, List<Row> labelled) {
        List<Origin> done = new ArrayList<>();
        for (LocalDate origin : origins) {
            List<Row> history = FeatureBuilder.at(labelled, features.trainingCutoffs(origin));
            List<Row> customers = FeatureBuilder.at(labelled, List.of(origin));
            ModelTrainer.Fitted trained;
            try {
                trained = trainer.fit(target, "backtest-" + origin, modelFeatures, history);
            } catch (ModelTrainer.NotEnoughHistoryException e) {
                continue;
            }
            double[][] x = BoostedClassifier.vectors(customers, modelFeatures);
            done.add(new Origin(origin, trained.trainingRows(), customers, ModelTrainer.labels(customers, target.label()),
                    trained.model().predict(x), trained.baseline().predict(x), target == Target.CHURN ? noVisit(customers) : null));
        }
        if (done.isEmpty()) {
            return new Result(List.of(), null, null, null);
        }
        int[] labels = done.stream().flatMapToInt(o -> IntStream.of(o.labels())).toArray();
        return new Result(done, Scorecard.of(labels, pooled(done, Origin::model)), Scorecard.of(labels, pooled(done, Origin::baseline)),
                target == Target.CHURN ? Scorecard.of(labels, pooled(done, Origin::bgNbd)) : null);
    }

    private static double[] noVisit(List<Row> customers) {
        return customers.stream().mapToDouble(r -> {
            Object p = r.getAs(NO_VISIT);
            return p == null ? 0.5 : (Double) p;
        }).toArray();
    }


    private static double[] pooled(List<Origin> origins, java.util.function.Function<Origin, double[]> scores) {
        return origins.stream().flatMapToDouble(o -> java.util.Arrays.stream(scores.apply(o))).toArray();
    }
}
