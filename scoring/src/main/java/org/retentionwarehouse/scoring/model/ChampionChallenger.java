package org.retentionwarehouse.scoring.model;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Whether a newly trained model (the challenger) replaces the model in use (the champion). Both
 * are scored on the challenger's holdout customers: neither was trained on them, since every model
 * splits customers by the same hash of their key. The challenger must rank them at least as well
 * (AUC).
 */
public final class ChampionChallenger {

    /** The outcome, with both AUCs on the challenger's holdout (the champion's NaN when there is none to judge). */
    public record Verdict(boolean promote, double challengerAuc, double championAuc) { }

    private ChampionChallenger() {
    }

    /** @param champion the model in use, or null when there is none */
    public static Verdict judge(ModelTrainer.Trained challenger, BoostedClassifier champion, Target target) {
        if (champion == null) {
            return new Verdict(true, challenger.auc(), Double.NaN);
        }
        List<Row> holdout = challenger.holdout();
        double championAuc;
        try {
            championAuc = Metrics.auc(ModelTrainer.labels(holdout, target.label()),
                    champion.predict(ModelTrainer.matrix(holdout, champion.features())));
        } catch (IllegalArgumentException e) {
            // The champion reads a feature this release no longer computes: it cannot be compared, nor kept.
            return new Verdict(true, challenger.auc(), Double.NaN);
        }
        return new Verdict(challenger.auc() >= championAuc, challenger.auc(), championAuc);
    }
}
