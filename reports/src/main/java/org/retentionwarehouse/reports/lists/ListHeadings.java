package org.retentionwarehouse.reports.lists;

import java.util.List;
import java.util.Map;

/**
 * Column headings of the files store staff open, in the configured language. A column without a
 * translation keeps its table name, so columns added to the list later still get a heading.
 */
public final class ListHeadings {

    private static final Map<String, String> CHINESE = Map.ofEntries(
            Map.entry("snapshot_date", "日期"),
            Map.entry("store_id", "门店"),
            Map.entry("rank", "排名"),
            Map.entry("customer_key", "客户编号"),
            Map.entry("name", "姓名"),
            Map.entry("phone", "电话"),
            Map.entry("churn_probability", "流失概率"),
            Map.entry("value_at_risk", "风险价值"),
            Map.entry("days_since_last_visit", "距上次到店天数"),
            Map.entry("reason", "原因"),
            Map.entry("action", "建议行动"),
            Map.entry("model_version", "模型版本"));

    private ListHeadings() {
    }

    public static List<String> of(List<String> columns, boolean chinese) {
        return columns.stream().map(c -> chinese ? CHINESE.getOrDefault(c, c) : c).toList();
    }
}
