package org.retentionwarehouse.reports.lists;

import java.util.List;
import java.util.Map;

/**
 * The columns of the list files store staff open, in the order a caller reads them (who, how to
 * reach them, why, what to do), with their headings in the configured language. A column without a
 * heading keeps its table name.
 */
public final class ListHeadings {

    /** The list columns in file order; the table keeps its own order for BI tools. */
    public static final List<String> FILE_COLUMNS = List.of("rank", "customer_key", "name", "phone", "vehicle", "last_visit_date",
            "days_since_last_visit", "action", "channel", "due_date", "reason", "reasons", "churn_probability",
            "repurchase_probability", "expected_value_12m", "value_at_risk", "loyalty_class", "lifecycle_class", "tier",
            "list_type", "store_id", "snapshot_date", "model_version");

    /** A column's heading in each language. */
    private record Heading(String chinese, String english) { }

    private static final Map<String, Heading> HEADINGS = Map.ofEntries(
            Map.entry("snapshot_date", new Heading("日期", "Date")),
            Map.entry("list_type", new Heading("名单类型", "List")),
            Map.entry("store_id", new Heading("门店", "Store")),
            Map.entry("rank", new Heading("排名", "Rank")),
            Map.entry("customer_key", new Heading("客户编号", "Customer no.")),
            Map.entry("name", new Heading("姓名", "Name")),
            Map.entry("phone", new Heading("电话", "Phone")),
            Map.entry("vehicle", new Heading("车辆", "Vehicle")),
            Map.entry("last_visit_date", new Heading("上次到店日期", "Last visit")),
            Map.entry("days_since_last_visit", new Heading("距上次到店天数", "Days since last visit")),
            Map.entry("action", new Heading("建议行动", "Suggested action")),
            Map.entry("channel", new Heading("渠道", "Channel")),
            Map.entry("due_date", new Heading("到期日", "Due date")),
            Map.entry("reason", new Heading("原因", "Reason")),
            Map.entry("reasons", new Heading("模型主要原因", "Model's main reasons")),
            Map.entry("churn_probability", new Heading("流失概率", "Churn probability")),
            Map.entry("repurchase_probability", new Heading("增购概率", "Repurchase probability")),
            Map.entry("expected_value_12m", new Heading("预计12个月价值", "Expected 12-month value")),
            Map.entry("value_at_risk", new Heading("风险价值", "Value at risk")),
            Map.entry("loyalty_class", new Heading("忠诚度", "Loyalty")),
            Map.entry("lifecycle_class", new Heading("生命周期", "Lifecycle")),
            Map.entry("tier", new Heading("会员等级", "Tier")),
            Map.entry("model_version", new Heading("模型版本", "Model version")));

    private ListHeadings() {
    }

    public static List<String> of(List<String> columns, boolean chinese) {
        return columns.stream().map(c -> {
            Heading heading = HEADINGS.get(c);
            return heading == null ? c : chinese ? heading.chinese() : heading.english();
        }).toList();
    }
}
