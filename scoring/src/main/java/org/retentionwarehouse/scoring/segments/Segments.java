package org.retentionwarehouse.scoring.segments;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * The segments marketing works with, as column expressions over a scored customer (churn
 * probability, CLV and the features).
 */
public final class Segments {

    /** Churn probability under which a customer counts as loyal. */
    public static final double LOYAL_BELOW = 0.2;
    /** Churn probability from which a customer counts as marginal. */
    public static final double MARGINAL_FROM = 0.5;
    /** Churn probability from which a customer counts as high risk (value-risk quadrant, class B). */
    public static final double HIGH_RISK_FROM = 0.3;
    /** A stable repeat customer: this long with the group and this many workshop visits in two years. */
    public static final int STABLE_TENURE_DAYS = 730;
    public static final int STABLE_VISITS_24M = 3;

    private Segments() {
    }

    /**
     * loyal / general / marginal by churn risk; lost once {@code lostDays} have passed since the last visit
     * or purchase, that is with none in {@code (D - lost_months, D]}, the window the store KPIs count by.
     */
    public static Column loyaltyClass(long lostDays) {
        Column p = col("churn_probability");
        return when(col("days_since_last_visit").geq(lostDays), lit("lost"))
                .when(p.lt(LOYAL_BELOW), lit("loyal"))
                .when(p.lt(MARGINAL_FROM), lit("general"))
                .otherwise(lit("marginal"));
    }

    /**
     * A: new, with the group for less than {@link #STABLE_TENURE_DAYS}, so not yet a stable repeat
     * customer; B: stable (that long, and {@link #STABLE_VISITS_24M} visits in 24 months) but at
     * rising risk; null otherwise. A customer of many years who visits rarely is neither: the
     * nurture list's "new customer" call would be wrong for them.
     */
    public static Column lifecycleClass() {
        Column stable = col("tenure_days").geq(STABLE_TENURE_DAYS).and(col("service_visits_24m").geq(STABLE_VISITS_24M));
        return when(col("tenure_days").lt(STABLE_TENURE_DAYS), lit("A"))
                .when(stable.and(col("churn_probability").geq(HIGH_RISK_FROM)), lit("B"));
    }

    /** high/low value (against tonight's median CLV) crossed with high/low churn risk. */
    public static Column valueRiskQuadrant(double medianValue) {
        Column value = when(col("expected_value_12m").geq(medianValue), lit("high_value")).otherwise(lit("low_value"));
        Column risk = when(col("churn_probability").geq(HIGH_RISK_FROM), lit("high_risk")).otherwise(lit("low_risk"));
        return org.apache.spark.sql.functions.concat_ws("_", value, risk);
    }
}
