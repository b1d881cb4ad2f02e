package org.retentionwarehouse.scoring.model;

import java.util.List;
import org.retentionwarehouse.warehouse.config.RetentionSettings;

/**
 * How a model is trained: its input features and the boosted trees' settings. Kept beside each
 * model ({@code recipe.json}), so that a later night can backtest the champion's way of training
 * against the challenger's on the same origins.
 */
public record Recipe(List<String> features, int trees, int maxDepth, double shrinkage, long seed) {

    public Recipe {
        features = List.copyOf(features);
    }

    /** Tonight's recipe: the configured trees on {@code features}. */
    public static Recipe of(RetentionSettings.Scoring settings, List<String> features) {
        return new Recipe(features, settings.trees(), settings.maxDepth(), settings.shrinkage(), settings.seed());
    }
}
