package org.retentionwarehouse.scoring.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retentionwarehouse.scoring.features.FeatureBuilder;
import org.retentionwarehouse.scoring.model.BoostedClassifier;
import org.retentionwarehouse.scoring.model.ChampionChallenger;
import org.retentionwarehouse.scoring.model.ModelStore;
import org.retentionwarehouse.scoring.model.ModelTrainer;
import org.retentionwarehouse.scoring.model.Recipe;
import org.retentionwarehouse.scoring.model.Target;
import org.retentionwarehouse.warehouse.config.RetentionSettings;

/**
 * The backtest trains each origin's model only on what that night knew: the cutoffs whose outcome
 * windows had closed. Here the cutoffs of the last year before the origin follow the opposite law
 * to the rest, so a backtest that let any of them in would rank the origin's customers backwards.
 */
class BacktestTest {

    private static final List<String> FEATURES = List.of("signal", "noise");
    private static final int CUSTOMERS = 1500;
    private static final LocalDate ORIGIN = LocalDate.of(2025, 11, 1);

    private final Backtest backtest = new Backtest(new FeatureBuilder(new RetentionSettings.Definitions(24, 12, 12, 12)),
            new ModelTrainer(new RetentionSettings.Scoring(7, 60, 3, 0.1, 1, 0.25, 2, 200_000)));

    @Test
    void eachOriginLearnsOnlyFromOutcomesKnownAtIt() {
        List<Row> labelled = new ArrayList<>();
        Random random = new Random(3);
        for (LocalDate cutoff = ORIGIN.minusMonths(21); !cutoff.isAfter(ORIGIN); cutoff = cutoff.plusMonths(3)) {
            boolean unknownAtTheOrigin = cutoff.isAfter(ORIGIN.minusMonths(12)) && cutoff.isBefore(ORIGIN);
            labelled.addAll(customers(cutoff, unknownAtTheOrigin ? -3 : 3, random));
        }
        // A night's origins: the latest cutoff whose outcome has closed, and earlier ones a quarter apart,
        // as long as their training cutoffs reach into the data.
        LocalDate dataStart = ORIGIN.minusMonths(21);
        assertThat(backtest.origins(ORIGIN.plusMonths(12), 5, dataStart)).containsExactly(ORIGIN, ORIGIN.minusMonths(3),
                ORIGIN.minusMonths(6), ORIGIN.minusMonths(9));
        // The earliest origin here has no history before it at all.
        List<LocalDate> origins = List.of(ORIGIN, ORIGIN.minusMonths(21));
        assertThat(backtest.cutoffs(origins, dataStart)).contains(ORIGIN, ORIGIN.minusMonths(12), ORIGIN.minusMonths(21))
                .doesNotContain(ORIGIN.minusMonths(9), ORIGIN.minusMonths(33));

        Backtest.Result result = backtest.run(Target.CHURN, FEATURES, origins, labelled);

        assertThat(result.origins()).extracting(Backtest.Origin::date).containsExactly(ORIGIN);
        Backtest.Origin origin = result.origins().get(0);
        assertThat(origin.trainingRows()).isLessThanOrEqualTo(4L * CUSTOMERS).isGreaterThan(2L * CUSTOMERS);
        assertThat(origin.customers()).hasSize(CUSTOMERS);
        assertThat(origin.auc()).isGreaterThan(0.85);
        assertThat(result.model().auc()).isEqualTo(origin.auc());
        assertThat(result.baseline().auc()).isGreaterThan(0.85);
        assertThat(result.rows()).isEqualTo(CUSTOMERS);
        assertThat(result.describeOrigins()).startsWith(ORIGIN.toString() + " 0.");
        // BG/NBD's baseline is its probability of no visit as the features hold it, and no opinion without one.
        for (int i = 0; i < CUSTOMERS; i++) {
            Object noVisit = origin.customers().get(i).getAs("p_no_visit_12m");
            assertThat(origin.bgNbd()[i]).isEqualTo(noVisit == null ? 0.5 : (Double) noVisit);
        }
        assertThat(result.bgNbd().auc()).isGreaterThan(0.75).isLessThan(result.model().auc());
    }

    @Test
    void whenTheRecipesDifferTheChallengerMustBacktestAtLeastAsWellAsTheChampionsRecipe(@TempDir Path models) throws Exception {
        List<Row> labelled = new ArrayList<>();
        Random random = new Random(5);
        for (LocalDate cutoff = ORIGIN.minusMonths(21); !cutoff.isAfter(ORIGIN); cutoff = cutoff.plusMonths(3)) {
            labelled.addAll(customers(cutoff, 3, random));
        }
        Recipe seeing = new Recipe(FEATURES, FeatureBuilder.DEFINITIONS, 60, 3, 0.1, 1, null);
        Recipe blind = new Recipe(List.of("noise"), FeatureBuilder.DEFINITIONS, 60, 3, 0.1, 1, null);
        // A model trained on features a release has since redefined is trained by another recipe.
        assertThat(seeing.matches(new Recipe(FEATURES, FeatureBuilder.DEFINITIONS - 1, 60, 3, 0.1, 1, null))).isFalse();
        assertThat(seeing.matches(new Recipe(FEATURES, FeatureBuilder.DEFINITIONS, 60, 3, 0.1, 1, null))).isTrue();
        FeatureBuilder features = new FeatureBuilder(new RetentionSettings.Definitions(24, 12, 12, 12));
        List<Row> history = FeatureBuilder.at(labelled, features.trainingCutoffs(ORIGIN.plusMonths(12)));
        ModelTrainer.Trained seeingModel = ModelTrainer.of(seeing).train(Target.CHURN, "seeing", seeing.features(), history);
        ModelTrainer.Trained blindModel = ModelTrainer.of(blind).train(Target.CHURN, "blind", blind.features(), history);
        List<LocalDate> origins = List.of(ORIGIN.minusMonths(3));
        Backtest.Result seeingBacktest = new Backtest(features, ModelTrainer.of(seeing)).run(Target.CHURN, seeing.features(), origins,
                labelled);
        Backtest.Result blindBacktest = new Backtest(features, ModelTrainer.of(blind)).run(Target.CHURN, blind.features(), origins,
                labelled);
        assertThat(seeingBacktest.model().auc()).isGreaterThan(0.85);
        assertThat(blindBacktest.model().auc()).isBetween(0.4, 0.6);

        ChampionChallenger.Verdict better = ChampionChallenger.judge(seeingModel, seeingBacktest, blindModel.withoutHoldout(), blindBacktest,
                Target.CHURN);
        assertThat(better.promote()).isTrue();
        assertThat(better.championBacktestAuc()).isEqualTo(blindBacktest.model().auc());
        // The holdout alone would promote this challenger; the champion's recipe backtesting better keeps it out.
        ChampionChallenger.Verdict worseRecipe = ChampionChallenger.judge(seeingModel, blindBacktest, blindModel.withoutHoldout(),
                seeingBacktest, Target.CHURN);
        assertThat(worseRecipe.promote()).isFalse();
        assertThat(worseRecipe.challengerAuc()).isGreaterThan(worseRecipe.championAuc());
        // Without a backtest of the champion's recipe (the same recipe, or one that cannot be rerun) the holdout decides.
        ChampionChallenger.Verdict sameRecipe = ChampionChallenger.judge(seeingModel, blindBacktest, blindModel.withoutHoldout(), null,
                Target.CHURN);
        assertThat(sameRecipe.promote()).isTrue();
        assertThat(sameRecipe.championBacktestAuc()).isNaN();

        ModelStore store = new ModelStore(models);
        store.save(blindModel, blind);
        assertThat(store.recipe("blind")).contains(blind);
        double[][] x = BoostedClassifier.vectors(history, blind.features());
        assertThat(store.load("blind").predict(x)).isEqualTo(blindModel.model().predict(x));
        assertThat(store.loadWithoutHoldout("blind").predict(x)).isEqualTo(blindModel.withoutHoldout().predict(x));
        // A model saved before twins were kept learnt without the held-out customers: it is its own twin.
        Files.delete(store.folder("blind").resolve("model-without-holdout.bin"));
        assertThat(store.loadWithoutHoldout("blind").predict(x)).isEqualTo(blindModel.model().predict(x));
        assertThat(store.recipe("older")).isEmpty();
    }

    /**
     * Customers at {@code cutoff} whose churn follows a logistic law of strength {@code slope} in
     * {@code signal}, with a weaker BG/NBD probability of no visit (missing for every tenth, as for a
     * customer who never came to the workshop).
     */
    private static List<Row> customers(LocalDate cutoff, double slope, Random random) {
        StructType schema = new StructType().add("customer_key", DataTypes.StringType).add("snapshot_date", DataTypes.DateType)
                .add("signal", DataTypes.DoubleType).add("noise", DataTypes.DoubleType).add("churned", DataTypes.IntegerType)
                .add("p_no_visit_12m", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            double signal = random.nextGaussian();
            int churned = random.nextDouble() < 1 / (1 + Math.exp(-slope * signal)) ? 1 : 0;
            Double noVisit = c % 10 == 0 ? null : 1 / (1 + Math.exp(-(signal + random.nextGaussian())));
            rows.add(new GenericRowWithSchema(new Object[] {"C" + c, Date.valueOf(cutoff), signal, random.nextGaussian(), churned,
                    noVisit}, schema));
        }
        return rows;
    }
}
