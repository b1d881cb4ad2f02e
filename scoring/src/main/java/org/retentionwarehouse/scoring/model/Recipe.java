package org.retentionwarehouse.scoring.model;

import java.util.List;
import org.retentionwarehouse.scoring.features.FeatureBuilder;
import org.retentionwarehouse.warehouse.config.RetentionSettings;

/**
 * How a model is trained: its input features, the boosted trees' settings, and the definitions its
 * labels were drawn by. Kept beside each model ({@code recipe.json}), so that a later night can
 * backtest the champion's way of training against the challenger's on the same origins, and knows
 * to retrain when a release or the configuration changes the recipe.
 *
 * @param featureDefinitions the version of the features' definitions ({@link FeatureBuilder#DEFINITIONS}): a
 *                           feature whose meaning a release changed keeps its name; 0 for a model saved
 *                           before versions were kept
 * @param labels             the definitions of churn and repurchase the labels followed; null for a model
 *                           saved before they were kept
 */
public record Recipe(List<String> features, int featureDefinitions, int trees, int maxDepth, double shrinkage, long seed,
                     RetentionSettings.Definitions labels) {

    public Recipe {
        features = List.copyOf(features);
    }

    /** Tonight's recipe: the configured trees on {@code features}, labelled by {@code labels}. */
    public static Recipe of(RetentionSettings.Scoring settings, RetentionSettings.Definitions labels, List<String> features) {
        return new Recipe(features, FeatureBuilder.DEFINITIONS, settings.trees(), settings.maxDepth(), settings.shrinkage(),
                settings.seed(), labels);
    }

    /**
     * Whether {@code other} trains the same model from the same rows: the same features, as defined
     * now, and trees, whatever labels it was once trained on (a backtest labels both from the same rows).
     */
    public boolean trainsLike(Recipe other) {
        return features.equals(other.features) && featureDefinitions == other.featureDefinitions && trees == other.trees
                && maxDepth == other.maxDepth && Double.compare(shrinkage, other.shrinkage) == 0 && seed == other.seed;
    }

    /**
     * Whether a model trained by {@code other} is what this recipe would train: it trains alike and
     * its labels followed the same definitions. A model saved before labels were kept is taken to
     * have followed them, rather than retrained on the night of an upgrade for nothing.
     */
    public boolean matches(Recipe other) {
        return trainsLike(other) && (labels == null || other.labels == null || labels.equals(other.labels));
    }
}
