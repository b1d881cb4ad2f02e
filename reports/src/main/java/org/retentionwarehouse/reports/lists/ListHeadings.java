package org.retentionwarehouse.reports.lists;

import java.util.List;
import java.util.Map;

/**
 * The columns of the list files store staff open, in the order a caller reads them (who, how to
 * reach them, why, what to do), with their headings in the configured language. A column without a
 * translation keeps its table name.
 */
public final class ListHeadings {

    /** The list columns in file order; the table keeps its own order for BI tools. */
    public static final List<String> FILE_COLUMNS = List.of("rank", "customer_key", "name", "phone", "vehicle", "last_visit_date",
            "days_since_last_visit", "action", "channel", "due_date", "reason", "reasons", "churn_probability",
            "repurchase_probability", "expected_value_12m", "value_at_risk", "loyalty_class", "lifecycle_class", "tier",
            "list_type", "store_id", "snapshot_date", "model_version");

    private static final Map<String, String> CHINESE = Map.ofEntries(
            Map.entry("snapshot_date", "日期"),
            Map.entry("list_type", "名单类型"),
            Map.entry("store_id", "门店"),
            Map.entry("rank", "排名"),
            Map.entry("customer_key", "客户编号"),
            Map.entry("name", "姓名"),
            Map.entry("phone", "电话"),
            Map.entry("vehicle", "车辆"),
            Map.entry("last_visit_date", "上次到店日期"),
            Map.entry("days_since_last_visit", "距上次到店天数"),
            Map.entry("action", "建议行动"),
            Map.entry("channel", "渠道"),
            Map.entry("due_date", "到期日"),
            Map.entry("reason", "原因"),
            Map.entry("reasons", "模型主要原因"),
            Map.entry("churn_probability", "流失概率"),
            Map.entry("repurchase_probability", "增购概率"),
            Map.entry("expected_value_12m", "预计12个月价值"),
            Map.entry("value_at_risk", "风险价值"),
            Map.entry("loyalty_class", "忠诚度"),
            Map.entry("lifecycle_class", "生命周期"),
            Map.entry("tier", "会员等级"),
            Map.entry("model_version", "模型版本"));

    private ListHeadings() {
    }

    public static List<String> of(List<String> columns, boolean chinese) {
        return columns.stream().map(c -> chinese ? CHINESE.getOrDefault(c, c) : c).toList();
    }
}
