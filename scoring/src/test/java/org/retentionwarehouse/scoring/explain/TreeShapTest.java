package org.retentionwarehouse.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;

/**
 * The precomputed TreeSHAP against Smile's own implementation of the published algorithm, on boosted
 * trees as deep as the churn model's, whose paths test some features twice and which see the
 * scorer's -1 for a missing value; every row is explained twice in one call, so that the second
 * time its outcomes in most trees are remembered ones.
 */
class TreeShapTest {

    private static final String[] NAMES = {"days", "visits", "spend", "complaints", "score", "noise"};
    private static final int ROWS = 400;

    @Test
    void givesSmilesValuesForEveryFeatureOfEveryRow() {
        Data data = data();
        GradientTreeBoost trees = GradientTreeBoost.fit(Formula.lhs("y"), data.frame(), 60, 5, 32, 20, 0.05, 0.7);
        assertMatchesSmile(trees, data, TreeShap.of(trees.trees(), NAMES.length));
    }

    @Test
    void givesTheSameValuesWhenFewOutcomesAreRemembered() {
        Data data = data();
        GradientTreeBoost trees = GradientTreeBoost.fit(Formula.lhs("y"), data.frame(), 60, 5, 32, 20, 0.05, 0.7);
        // About 20 outcomes per tree, far fewer than the rows take.
        assertMatchesSmile(trees, data, TreeShap.of(trees.trees(), NAMES.length, 60 * 6 * 20));
    }

    @Test
    void givesSmilesValuesForTreesWithTooManySplitsToRemember() {
        Data data = data();
        GradientTreeBoost trees = GradientTreeBoost.fit(Formula.lhs("y"), data.frame(), 20, 8, 256, 5, 0.05, 0.7);
        assertThat(Arrays.stream(trees.trees()).mapToInt(t -> splits(t.root())).max().orElse(0))
                .as("a tree's outcomes do not fit a long").isGreaterThan(63);
        assertMatchesSmile(trees, data, TreeShap.of(trees.trees(), NAMES.length));
    }

    @Test
    void givesEachRowTheSameValuesWhateverRowsAreExplainedWithIt() {
        Data data = data();
        GradientTreeBoost trees = GradientTreeBoost.fit(Formula.lhs("y"), data.frame(), 60, 5, 32, 20, 0.05, 0.7);
        TreeShap fast = TreeShap.of(trees.trees(), NAMES.length);
        // Several blocks of rows, and outcomes remembered from earlier blocks.
        double[][] many = new double[20_000][];
        for (int i = 0; i < many.length; i++) {
            many[i] = data.x()[(i * 7) % data.x().length];
        }
        double[][] together = fast.contributions(many);
        for (int i = 0; i < many.length; i += 97) {
            assertThat(together[i]).as("row %d", i).containsExactly(fast.contributions(new double[][] {many[i]})[0]);
        }
    }

    private static void assertMatchesSmile(GradientTreeBoost trees, Data data, TreeShap fast) {
        double[][] twice = new double[2 * ROWS][];
        for (int i = 0; i < 2 * ROWS; i++) {
            twice[i] = data.x()[i % ROWS];
        }
        double[][] contributions = fast.contributions(twice);
        double largest = 0;
        for (int i = 0; i < 2 * ROWS; i++) {
            double[] expected = trees.shap(data.frame().get(i % ROWS));
            double[] actual = contributions[i];
            for (int j = 0; j < NAMES.length; j++) {
                // Smile lays a binary model's values out as [feature * 2 + class], and averages them over the trees.
                assertThat(actual[j]).as("row %d, %s", i, NAMES[j]).isCloseTo(expected[j * 2 + 1] * trees.trees().length,
                        within(1e-9));
                largest = Math.max(largest, Math.abs(actual[j]));
            }
        }
        assertThat(largest).as("the comparison is not between zeros").isGreaterThan(0.5);
    }

    private record Data(double[][] x, DataFrame frame) { }

    private static Data data() {
        Random random = new Random(3);
        int n = 4000;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = row(random);
            double logit = -2 + x[i][0] / 150 - 0.4 * x[i][1] + 0.8 * x[i][3] + (x[i][4] < 0 ? 0.7 : -0.2 * x[i][4]);
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        return new Data(x, DataFrame.of(x, NAMES).merge(IntVector.of("y", y)));
    }

    private static int splits(smile.base.cart.Node node) {
        return node instanceof smile.base.cart.InternalNode split ? 1 + splits(split.trueChild()) + splits(split.falseChild()) : 0;
    }

    private static double[] row(Random random) {
        return new double[] {random.nextInt(700), random.nextInt(8), random.nextDouble() * 5000, random.nextInt(3),
            random.nextDouble() < 0.3 ? -1 : 1 + random.nextInt(5), random.nextGaussian()};
    }
}
