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

    private static final Map<String, Reason> BY_FEATURE = Map.ofEntries(
            reason("days_since_last_visit", "LONG_ABSENCE", "距上次到店时间较长", "long time since the last visit"),
            reason("days_since_last_service", "NO_RECENT_SERVICE", "近期未回厂保养维修", "no recent workshop visit"),
            reason("service_visits_12m", "FEW_VISITS_12M", "近12个月回厂次数少", "few workshop visits in the last 12 months"),
            reason("service_visits_24m", "FEW_VISITS_24M", "近24个月回厂次数少", "few workshop visits in the last 24 months"),
            reason("service_spend_24m", "LOW_SPEND", "售后消费金额低", "low after-sales spend"),
            reason("purchases_24m", "NO_RECENT_PURCHASE", "近期无购车", "no recent vehicle purchase"),
            reason("mean_visit_interval_days", "IRREGULAR_VISITS", "回厂间隔长或不规律", "long or irregular visit intervals"),
            reason("overdue_ratio", "PAST_USUAL_INTERVAL", "已超过其惯常回厂间隔", "past the customer's usual visit interval"),
            reason("complaints_24m", "COMPLAINTS", "近期有投诉", "recent complaints"),
            reason("unresolved_complaints", "UNRESOLVED_COMPLAINT", "有未解决的投诉", "unresolved complaint"),
            reason("mean_survey_score", "LOW_SATISFACTION", "满意度评分偏低", "low satisfaction scores"),
            reason("vehicles", "FEW_VEHICLES", "名下车辆少", "few vehicles with the group"),
            reason("tenure_days", "SHORT_TENURE", "客户关系时间短", "short relationship"),
            reason("maintenance_visits_24m", "MISSED_MAINTENANCE", "保养次数偏少", "few maintenance visits"),
            reason("repair_visits_24m", "REPAIRS_ELSEWHERE", "维修少在本店进行", "few repairs done at the dealer"),
            reason("maintenance_delay_days", "LATE_MAINTENANCE", "保养经常延迟", "maintenance usually late"),
            reason("km_per_day", "MILEAGE_PATTERN", "行驶里程模式", "mileage pattern"),
            reason("maintenance_overdue_days", "MAINTENANCE_OVERDUE", "保养已逾期", "maintenance overdue"),
            reason("newest_vehicle_age_years", "AGEING_VEHICLE", "车龄较长", "ageing vehicle"),
            reason("in_warranty", "OUT_OF_WARRANTY", "车辆已出保修期", "vehicle out of warranty"),
            reason("stores_visited_24m", "STORE_PATTERN", "到店门店分布", "pattern of stores visited"),
            reason("consultations_12m", "NO_CONTACT", "近期无咨询互动", "no recent questions or contact"),
            reason("days_since_last_contact", "LONG_SILENCE", "长时间未与门店联系", "no contact with the store for a long time"),
            reason("callback_refusal_rate", "REFUSES_CALLBACKS", "常拒绝回访", "often refuses follow-up calls"),
            reason("last_survey_score", "LOW_LAST_SURVEY", "最近一次满意度低", "low score in the latest survey"),
            reason("quick_resolved_complaints_24m", "COMPLAINT_HANDLING", "投诉处理情况", "complaint handling"),
            reason("oldest_open_complaint_days", "LONG_OPEN_COMPLAINT", "投诉长期未解决", "complaint open for a long time"),
            reason("p_alive", "LOW_P_ALIVE", "仍为活跃客户的概率低", "low probability of still being an active customer"),
            reason("expected_visits_12m", "FEW_EXPECTED_VISITS", "预计未来回厂次数少", "few visits expected in the next year"),
            reason("commercial", "CUSTOMER_TYPE", "客户类型（企业/个人）", "commercial or private customer"));

    private Reasons() {
    }

    private static Map.Entry<String, Reason> reason(String feature, String code, String chinese, String english) {
        return Map.entry(feature, new Reason(code, chinese, english));
    }

    /** The reason a feature stands for; a feature without a sentence gets its own name. */
    public static Reason of(String feature) {
        return BY_FEATURE.getOrDefault(feature, new Reason(feature.toUpperCase(java.util.Locale.ROOT), feature, feature));
    }

    /**
     * Up to {@code n} features with the largest positive contributions, largest first, among those
     * the customer has a value for. A missing value (no survey yet) can add to the risk, but a
     * sentence about it ("low satisfaction scores") would describe a value that does not exist.
     *
     * @param known whether the customer has a value for the feature at that index
     */
    public static List<Reason> top(List<String> features, double[] contributions, IntPredicate known, int n) {
        List<Reason> reasons = new ArrayList<>(n);
        IntStream.range(0, contributions.length).boxed()
                .filter(j -> contributions[j] > 0 && known.test(j))
                .sorted(Comparator.comparingDouble((Integer j) -> contributions[j]).reversed())
                .limit(n)
                .forEach(j -> reasons.add(of(features.get(j))));
        return reasons;
    }
}
