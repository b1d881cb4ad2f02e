package org.retentionwarehouse.scoring.model;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import smile.base.cart.Node;
import smile.base.cart.OrdinalNode;
import smile.base.cart.RegressionNode;
import smile.classification.GradientTreeBoost;
import smile.regression.RegressionTree;

/**
 * The log-odds a binary {@link GradientTreeBoost} gives each row, worked out as Smile's
 * {@code predict} does (the same sums in the same order, so the same bits), two to three times
 * as fast. Smile projects every row through the model's formula once per tree and follows each
 * tree's node objects; here every tree is flattened into arrays when the model is loaded, and a
 * row's values are read straight from its array.
 */
final class TreeScores {

    /** A posterior this close to 0 or 1 is held there, so that the log-odds stay finite for Platt scaling. */
    private static final double EDGE = 1e-9;

    private final FlatTree[] trees;
    private final double intercept;
    private final double shrinkage;

    private TreeScores(FlatTree[] trees, double intercept, double shrinkage) {
        this.trees = trees;
        this.intercept = intercept;
        this.shrinkage = shrinkage;
    }

    /** The trees of {@code model}. */
    static TreeScores of(GradientTreeBoost model) {
        RegressionTree[] trees = model.trees();
        FlatTree[] flat = new FlatTree[trees.length];
        for (int t = 0; t < trees.length; t++) {
            flat[t] = FlatTree.of(trees[t].root());
        }
        return new TreeScores(flat, privateDouble(GradientTreeBoost.class, model, "b"),
                privateDouble(GradientTreeBoost.class, model, "shrinkage"));
    }

    /** The uncalibrated log-odds of the event for each row of {@code x}, the input of Platt scaling. */
    double[] of(double[][] x) {
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double y = intercept;
            for (FlatTree tree : trees) {
                y += shrinkage * tree.output(x[i]);
            }
            double negative = 1 / (1 + Math.exp(2 * y));
            double p = Math.min(1 - EDGE, Math.max(EDGE, 1 - negative));
            s[i] = Math.log(p / (1 - p));
        }
        return s;
    }

    /**
     * One tree as arrays: split k sends a row whose input {@code feature[k]} is at most
     * {@code threshold[k]} to {@code child[2k]}, others to {@code child[2k + 1]}; a child index
     * {@code c < 0} is the leaf {@code ~c}, whose output is {@code leaf[~c]}.
     */
    private record FlatTree(int[] feature, double[] threshold, int[] child, double[] leaf) {

        static FlatTree of(Node root) {
            List<OrdinalNode> splits = new ArrayList<>();
            List<Double> leaves = new ArrayList<>();
            List<int[]> children = new ArrayList<>();
            add(root, splits, leaves, children);
            int n = splits.size();
            int[] feature = new int[n];
            double[] threshold = new double[n];
            int[] child = new int[2 * n];
            for (int k = 0; k < n; k++) {
                feature[k] = splits.get(k).feature();
                threshold[k] = privateDouble(OrdinalNode.class, splits.get(k), "value");
                child[2 * k] = children.get(k)[0];
                child[2 * k + 1] = children.get(k)[1];
            }
            return new FlatTree(feature, threshold, child, leaves.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** Adds {@code node} and its subtree; returns its index (a leaf's as {@code ~index}). */
        private static int add(Node node, List<OrdinalNode> splits, List<Double> leaves, List<int[]> children) {
            if (node instanceof RegressionNode leaf) {
                leaves.add(leaf.output());
                return ~(leaves.size() - 1);
            }
            if (!(node instanceof OrdinalNode split)) {
                throw new IllegalStateException("a split on a categorical input (" + node.getClass().getSimpleName()
                        + "): the models take numbers only");
            }
            int k = splits.size();
            splits.add(split);
            children.add(new int[2]);
            children.get(k)[0] = add(split.trueChild(), splits, leaves, children);
            children.get(k)[1] = add(split.falseChild(), splits, leaves, children);
            return k;
        }

        /**
         * The output of the leaf row {@code x} reaches: Smile's ordinal split, {@code x <= threshold}
         * goes true. The inputs are never NaN (a missing value is -1, see {@link BoostedClassifier#vectors}).
         */
        double output(double[] x) {
            if (feature.length == 0) {
                return leaf[0];
            }
            int k = 0;
            while (k >= 0) {
                // The sign of threshold - x without a branch: which way a row goes is a coin toss to the CPU's predictor.
                int goesFalse = (int) (Double.doubleToRawLongBits(threshold[k] - x[feature[k]]) >>> 63);
                k = child[2 * k + goesFalse];
            }
            return leaf[~k];
        }
    }

    /**
     * Smile 3.1 keeps a binary model's intercept and shrinkage and a split's threshold private. Read
     * once per model; a Smile release without them fails here, by name, and {@code ModelTrainerTest}
     * checks the scores against Smile's own.
     */
    private static <T> double privateDouble(Class<T> type, T owner, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field.getDouble(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read the field '" + name + "' of Smile's " + type.getSimpleName()
                    + "; this release of Smile does not match the one scoring was written for (3.1)", e);
        }
    }
}
