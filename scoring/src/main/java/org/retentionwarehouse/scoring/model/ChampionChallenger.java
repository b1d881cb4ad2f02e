package org.retentionwarehouse.scoring.model;

import java.util.List;
import org.apache.spark.sql.Row;
import org.retentionwarehouse.scoring.evaluation.Backtest;

/**
 * Whether a newly trained model (the challenger) replaces the model in use (the champion).
 * <ul>
 * <li>When the two were trained by different recipes (features or tree settings), each recipe is
 * backtested at the same origins on the same customers, and the challenger's must do at least as
 * well (pooled AUC). Two models of the same recipe would backtest identically, so the backtest
 * cannot tell them apart and this test is skipped.</li>
 * <li>Both models' twins trained without the held-out customers are scored on the challenger's
 * holdout: neither twin was trained on it, since every model splits customers by the same hash of
 * their key. The challenger's must rank it at least as well (AUC); this is where newer data shows.</li>
 * </ul>
 */
public final class ChampionChallenger {

    /**
     * The outcome, with both AUCs on the challenger's holdout and both recipes' backtest AUCs (NaN
     * where there is nothing to compare: no champion, or no backtest of its recipe).
     */
    public record Verdict(boolean promote, double challengerAuc, double championAuc, double challengerBacktestAuc,
                          double championBacktestAuc) { }

    private ChampionChallenger() {
    }

    /**
     * @param champion           the twin without the held-out customers of the model in use
     *                           ({@link ModelStore#loadWithoutHoldout}), or null when there is none
     * @param challengerBacktest the backtest of the challenger's recipe, or null
     * @param championBacktest   the backtest of the champion's recipe at the same origins, or null
     *                           when it is the challenger's recipe or cannot be rerun
     */
    public static Verdict judge(ModelTrainer.Trained challenger, Backtest.Result challengerBacktest, BoostedClassifier champion,
                                Backtest.Result championBacktest, Target target) {
        double challengerBacktestAuc = aucOf(challengerBacktest);
        double championBacktestAuc = aucOf(championBacktest);
        if (champion == null) {
            return new Verdict(true, challenger.auc(), Double.NaN, challengerBacktestAuc, Double.NaN);
        }
        List<Row> holdout = challenger.holdout();
        double championAuc;
        try {
            championAuc = Metrics.auc(ModelTrainer.labels(holdout, target.label()),
                    champion.predict(BoostedClassifier.vectors(holdout, champion.features())));
        } catch (IllegalArgumentException e) {
            // The champion reads a feature this release no longer computes: it cannot be compared, nor kept.
            return new Verdict(true, challenger.auc(), Double.NaN, challengerBacktestAuc, Double.NaN);
        }
        boolean backtestHolds = Double.isNaN(championBacktestAuc) || Double.isNaN(challengerBacktestAuc)
                || challengerBacktestAuc >= championBacktestAuc;
        return new Verdict(backtestHolds && challenger.auc() >= championAuc, challenger.auc(), championAuc,
                challengerBacktestAuc, championBacktestAuc);
    }

    private static double aucOf(Backtest.Result backtest) {
        return backtest == null || backtest.origins().isEmpty() ? Double.NaN : backtest.model().auc();
    }
}
