package org.retentionwarehouse.scoring.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Why a customer scored as they did: the features that pushed their churn risk up most (largest
 * positive TreeSHAP contributions), each as a stable code and a sentence in Chinese and English.
 */
public final class Reasons {

    /** One reason: its code and its text in both languages. */
    public record Reason(String code, String chinese, String english) { }

    /**
     * A reason's sentence and the values it describes: those above {@code above} and below {@code below}
     * ("long absence" only of a long one, "maintenance overdue" only past the due date).
     */
    private record Sentence(double above, double below, Reason reason) { }

    private static final Map<String, Sentence> BY_FEATURE = Map.ofEntries(
            high("days_since_last_visit", "LONG_ABSENCE", "距上次到店时间较长", "long time since the last visit"),
            high("days_since_last_service", "NO_RECENT_SERVICE", "近期未回厂保养维修", "no recent workshop visit"),
            low("service_visits_12m", "FEW_VISITS_12M", "近12个月回厂次数少", "few workshop visits in the last 12 months"),
            low("service_visits_24m", "FEW_VISITS_24M", "近24个月回厂次数少", "few workshop visits in the last 24 months"),
            low("service_spend_24m", "LOW_SPEND", "售后消费金额低", "low after-sales spend"),
            low("purchases_24m", 1, "NO_RECENT_PURCHASE", "近期无购车", "no recent vehicle purchase"),
            high("mean_visit_interval_days", "IRREGULAR_VISITS", "回厂间隔长或不规律", "long or irregular visit intervals"),
            high("overdue_ratio", 1, "PAST_USUAL_INTERVAL", "已超过其惯常回厂间隔", "past the customer's usual visit interval"),
            high("complaints_24m", 0, "COMPLAINTS", "近期有投诉", "recent complaints"),
            high("unresolved_complaints", 0, "UNRESOLVED_COMPLAINT", "有未解决的投诉", "unresolved complaint"),
            low("mean_survey_score", "LOW_SATISFACTION", "满意度评分偏低", "low satisfaction scores"),
            low("vehicles", "FEW_VEHICLES", "名下车辆少", "few vehicles with the group"),
            low("tenure_days", "SHORT_TENURE", "客户关系时间短", "short relationship"),
            low("maintenance_visits_24m", "MISSED_MAINTENANCE", "保养次数偏少", "few maintenance visits"),
            low("repair_visits_24m", "REPAIRS_ELSEWHERE", "维修少在本店进行", "few repairs done at the dealer"),
            high("maintenance_delay_days", "LATE_MAINTENANCE", "保养经常延迟", "maintenance usually late"),
            either("km_per_day", "MILEAGE_PATTERN", "行驶里程模式", "mileage pattern"),
            high("maintenance_overdue_days", 0, "MAINTENANCE_OVERDUE", "保养已逾期", "maintenance overdue"),
            high("newest_vehicle_age_years", "AGEING_VEHICLE", "车龄较长", "ageing vehicle"),
            low("in_warranty", 1, "OUT_OF_WARRANTY", "车辆已出保修期", "vehicle out of warranty"),
            either("stores_visited_24m", "STORE_PATTERN", "到店门店分布", "pattern of stores visited"),
            low("consultations_12m", 1, "NO_CONTACT", "近期无咨询互动", "no recent questions or contact"),
            high("days_since_last_contact", "LONG_SILENCE", "长时间未与门店联系", "no contact with the store for a long time"),
            high("callback_refusal_rate", 0, "REFUSES_CALLBACKS", "常拒绝回访", "often refuses follow-up calls"),
            low("last_survey_score", "LOW_LAST_SURVEY", "最近一次满意度低", "low score in the latest survey"),
            either("quick_resolved_complaints_24m", "COMPLAINT_HANDLING", "投诉处理情况", "complaint handling"),
            high("oldest_open_complaint_days", 0, "LONG_OPEN_COMPLAINT", "投诉长期未解决", "complaint open for a long time"),
            low("maintenance_on_time_share", "MAINTENANCE_NOT_ON_TIME", "保养很少按时回厂", "seldom comes in when maintenance is due"),
            high("prompt_maintenance_delay_days", "SLOW_TO_BOOK", "保养到期后回厂较慢", "slow to come in once maintenance is due"),
            high("late_maintenance_days", "MONTHS_LATE", "保养逾期时往往拖延数月", "when late for maintenance, months late"),
            low("survey_score_vs_store", "LESS_SATISFIED_THAN_PEERS", "满意度低于本店其他客户", "less satisfied than the store's other customers"),
            high("days_since_alive_evidence", "LONG_QUIET", "长时间无到店或咨询", "no visit, purchase or question for a long time"),
            low("inspection_visits_24m", 1, "INSPECTION_ELSEWHERE", "年检未在本店办理", "inspections not done at the dealer"),
            low("p_alive", "LOW_P_ALIVE", "仍为活跃客户的概率低", "low probability of still being an active customer"),
            low("expected_visits_12m", "FEW_EXPECTED_VISITS", "预计未来回厂次数少", "few visits expected in the next year"),
            either("commercial", "CUSTOMER_TYPE", "客户类型（企业/个人）", "commercial or private customer"));

    private Reasons() {
    }

    /** A sentence about a high value: above the usual one. */
    private static Map.Entry<String, Sentence> high(String feature, String code, String chinese, String english) {
        return high(feature, Double.NEGATIVE_INFINITY, code, chinese, english);
    }

    /** A sentence about a low value: below the usual one. */
    private static Map.Entry<String, Sentence> low(String feature, String code, String chinese, String english) {
        return low(feature, Double.POSITIVE_INFINITY, code, chinese, english);
    }

    /** A sentence about a high value: above the usual one and above {@code floor}. */
    private static Map.Entry<String, Sentence> high(String feature, double floor, String code, String chinese, String english) {
        return Map.entry(feature, new Sentence(floor, Double.POSITIVE_INFINITY, new Reason(code, chinese, english)));
    }

    /** A sentence about a low value: below the usual one and below {@code ceiling}. */
    private static Map.Entry<String, Sentence> low(String feature, double ceiling, String code, String chinese, String english) {
        return Map.entry(feature, new Sentence(Double.NEGATIVE_INFINITY, ceiling, new Reason(code, chinese, english)));
    }

    /** A sentence that names the feature without a direction ("mileage pattern"). */
    private static Map.Entry<String, Sentence> either(String feature, String code, String chinese, String english) {
        return Map.entry(feature, new Sentence(Double.NaN, Double.NaN, new Reason(code, chinese, english)));
    }

    /** The reason a feature stands for; a feature without a sentence gets its own name. */
    public static Reason of(String feature) {
        Sentence sentence = BY_FEATURE.get(feature);
        return sentence != null ? sentence.reason()
                : new Reason(feature.toUpperCase(java.util.Locale.ROOT), feature, feature);
    }

    /**
     * Up to {@code n} features with the largest positive contributions, largest first, among those
     * the customer has a value for and whose sentence that value bears out.
     * <ul>
     *   <li>A missing value (no survey yet) can add to the risk, but a sentence about it ("low
     *       satisfaction scores") would describe a value that does not exist.</li>
     *   <li>A tree model may find risk on either side of a value: new customers still under warranty
     *       may churn more than the rest. "Vehicle out of warranty" is then still no reason to give
     *       one whose car is in warranty. A sentence about a high value is given only above the usual
     *       value, one about a low value only below it, and one that states a fact ("maintenance
     *       overdue", "no recent purchase") only where it holds.</li>
     * </ul>
     *
     * @param values the customer's feature values, in {@code features} order
     * @param usual  each feature's usual value (tonight's mean over the customers scored)
     * @param known  whether the customer has a value for the feature at that index
     */
    public static List<Reason> top(List<String> features, double[] contributions, double[] values, double[] usual,
                                   IntPredicate known, int n) {
        List<Reason> reasons = new ArrayList<>(n);
        IntStream.range(0, contributions.length).boxed()
                .filter(j -> contributions[j] > 0 && known.test(j) && borneOut(features.get(j), values[j], usual[j]))
                .sorted(Comparator.comparingDouble((Integer j) -> contributions[j]).reversed())
                .limit(n)
                .forEach(j -> reasons.add(of(features.get(j))));
        return reasons;
    }

    private static boolean borneOut(String feature, double value, double usual) {
        Sentence sentence = BY_FEATURE.get(feature);
        if (sentence == null || Double.isNaN(sentence.above())) {
            return true;
        }
        return Double.isInfinite(sentence.below()) ? value > Math.max(usual, sentence.above())
                : value < Math.min(usual, sentence.below());
    }
}
