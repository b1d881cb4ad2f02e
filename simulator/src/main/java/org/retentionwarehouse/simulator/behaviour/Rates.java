package org.retentionwarehouse.simulator.behaviour;

import org.retentionwarehouse.simulator.model.Tier;
import org.retentionwarehouse.simulator.random.Draws;

/**
 * The behaviour model's parameters, in one place. Rates are per year unless named otherwise. They are
 * tuned so that a quarter to two fifths of the customers active at a cutoff churn in the next year,
 * and so that loyalty, unresolved complaints and overdue maintenance visibly drive that churn.
 */
final class Rates {

    static final double ACCIDENT = 0.05;
    static final double CALLBACK_SHARE = 0.85;
    static final double SURVEY_SHARE = 0.45;
    static final double BLACKLISTING = 0.002;
    static final double USED_FIRST_PURCHASE = 0.08;
    static final double USED_REPURCHASE = 0.05;
    static final double TRADE_IN = 0.5;
    static final double PROSPECT_CONVERSION = 0.25;
    static final double BIRTHDAY_CARE = 0.6;
    static final double OTHER_BRAND_REPURCHASE = 0.4;
    static final double SECOND_STORE_VISIT = 0.25;
    static final long VIP_SPEND = 350_000;
    static final long PREMIER_SPEND = 700_000;
    static final int VIP_VISITS = 12;
    /** Age in years below which a car's repairs may be under warranty. */
    static final int WARRANTY_YEARS = 3;
    /** Share of a young car's repairs that are under warranty, and so always come to the dealer. */
    static final double WARRANTY_SHARE = 0.6;
    /** Days a customer who books when maintenance falls due waits at most. */
    static final int MAX_MAINTENANCE_DELAY = 45;
    /** How tightly a visit's service quality gathers around its store's mean (the Beta's a + b). */
    static final double QUALITY_CONCENTRATION = 6;
    /** Standard deviation of a survey score's noise before rounding. */
    static final double SURVEY_NOISE = 0.4;

    private Rates() {
    }

    /**
     * Yearly hazard of leaving the group for good: low loyalty dominates; unresolved complaints,
     * months of overdue maintenance and an ageing car add to it.
     */
    static double defection(double loyalty, int unresolved, double overdueMonths, double vehicleAge) {
        return Math.exp(-3.15 + 3.3 * (1 - loyalty) + 1.1 * Math.min(unresolved, 3)
                + 0.04 * Math.min(overdueMonths, 24) + 0.12 * Math.max(0, vehicleAge - 5));
    }

    /** Probability of booking maintenance when it falls due. */
    static double comeWhenDue(double loyalty, int unresolved) {
        return Draws.clamp(0.15 + 0.8 * loyalty - 0.25 * Math.min(unresolved, 2), 0.03, 0.97);
    }

    /** Mean days from a maintenance reminder to the visit, for a customer who books when it falls due. */
    static double maintenanceDelayMean(double loyalty) {
        return 3 + 20 * (1 - loyalty);
    }

    /** Rate at which an overdue customer finally books maintenance (a loyal one within a few months). */
    static double lateMaintenance(double loyalty, int unresolved) {
        return 3.6 * comeWhenDue(loyalty, unresolved);
    }

    /** Breakdowns needing a workshop. */
    static double repair(double vehicleAge) {
        return 0.2 + 0.06 * vehicleAge;
    }

    /** Share of non-warranty repairs and accidents brought to the dealer rather than an independent shop. */
    static double repairAtDealer(double loyalty, boolean accident) {
        return accident ? 0.5 + 0.4 * loyalty : 0.4 + 0.5 * loyalty;
    }

    /** Buying another vehicle; fleets renew constantly, loyal and high-tier customers more often. */
    static double repurchase(double loyalty, Tier tier, double newestAge) {
        if (tier == Tier.FLEET) {
            return 0.3;
        }
        double highTier = tier == Tier.VIP || tier == Tier.PREMIER ? 0.03 : 0;
        return 0.015 + 0.04 * loyalty + highTier + (newestAge > 6 ? 0.08 : 0);
    }

    /** Questions to the store; more when the car is old (a replacement is on the mind). */
    static double consultation(double newestAge) {
        return 0.25 + (newestAge > 4 ? 0.35 : 0);
    }

    /** Opting out of marketing, or back in. */
    static double consentToggle(boolean optedOut) {
        return optedOut ? 0.15 : 0.02;
    }

    /** Renewing insurance through the dealer. */
    static double renewAtDealer(double loyalty) {
        return 0.25 + 0.6 * loyalty;
    }

    /** Having the statutory inspection done through the dealer. */
    static double inspectAtDealer(double loyalty) {
        return 0.2 + 0.4 * loyalty;
    }

    /** Probability the call-back after a visit is refused. */
    static double refuseCallback(double loyalty) {
        return 0.05 + 0.1 * (1 - loyalty);
    }

    /** A survey score before its noise, rounding and the penalty for an open complaint. */
    static double surveyScore(double quality, double loyalty) {
        return 0.6 + 4.4 * (0.7 * quality + 0.3 * loyalty);
    }

    /** Loyalty moved by what happens stays within these bounds. */
    static double boundedLoyalty(double loyalty) {
        return Draws.clamp(loyalty, 0.02, 0.98);
    }

    /** Probability a visit of the given quality leads to a complaint. */
    static double complaint(double sensitivity, double quality) {
        double base = quality < 0.35 ? 0.8 : quality < 0.55 ? 0.2 : 0.02;
        return sensitivity * base;
    }
}
