package org.retentionwarehouse.reports.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.retentionwarehouse.reports.lists.ListType;
import org.retentionwarehouse.reports.quality.ScoreQuality;
import org.retentionwarehouse.warehouse.table.SourceEntity;
import org.retentionwarehouse.warehouse.table.Tables;

/**
 * {@code report.html}: the night on one self-contained page (inline CSS and SVG, no script, no
 * network), in Chinese with English beside it: KPIs per store, tonight's list sizes, the model's
 * lift and calibration by score decile, the score distribution, the quarantine summary and the run
 * timings.
 */
public final class ReportPage {

    private static final String CSS = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:24px;color:#222}"
            + "h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}"
            + "table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}"
            + "th{background:#f3f5f8}td.l,th.l{text-align:left}tr.group td{font-weight:bold;background:#fafafa}"
            + ".charts{display:flex;flex-wrap:wrap;gap:16px}.note{color:#666;font-size:12px}"
            + "figure{margin:0}figcaption{font-size:13px;font-weight:bold;margin:4px 0}";

    /** KPI columns shown, in order, with their bilingual heading. */
    private static final List<String[]> KPI_COLUMNS = List.of(
            new String[] {"active_customers", "活跃客户 Active"},
            new String[] {"retention_rate", "保留率 Retention"},
            new String[] {"churn_rate", "流失率 Churn"},
            new String[] {"lost_customers", "已流失 Lost"},
            new String[] {"open_complaints", "未结投诉 Open complaints"},
            new String[] {"mean_resolution_days", "平均解决天数 Resolution days"},
            new String[] {"satisfaction", "满意度 Satisfaction"},
            new String[] {"retention_list_size", "名单人数 List size"});

    private ReportPage() {
    }

    public static String render(NightReport night) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\">")
                .append("<title>客户保留日报 Retention report ").append(night.date()).append("</title><style>")
                .append(CSS).append("</style></head><body>");
        html.append("<h1>客户保留日报 Retention report ").append(night.date()).append("</h1>");
        html.append("<p>").append(modelLine(night.model())).append(" · 评分客户 scored customers ")
                .append(SvgCharts.number(night.scoredCustomers())).append("</p>");
        night.challengers().forEach(c -> html.append("<p>").append(challengerLine(c)).append("</p>"));
        kpis(html, night.kpis());
        lists(html, night.listSizes());
        quality(html, night);
        deliveries(html, night);
        quarantine(html, night);
        timings(html, night.timingsMillis());
        return html.append("</body></html>").toString();
    }

    private static String modelLine(Map<String, Object> model) {
        if (model.isEmpty()) {
            return "模型 model: none yet";
        }
        return "模型 model <b>" + Html.escape(String.valueOf(model.get("model_version"))) + "</b> ("
                + Html.escape(String.valueOf(model.get("algorithm"))) + "), holdout AUC " + metric(model.get("auc"))
                + ", baseline AUC " + metric(model.get("baseline_auc"))
                + (model.get("backtest_auc") == null ? "" : "; backtest AUC " + metric(model.get("backtest_auc"))
                        + ", baseline " + metric(model.get("backtest_baseline_auc"))
                        + (model.get("backtest_bgnbd_auc") == null ? "" : ", BG/NBD " + metric(model.get("backtest_bgnbd_auc")))
                        + ", PR-AUC " + metric(model.get("backtest_pr_auc"))
                        + ", top-decile lift " + metric(model.get("backtest_top_decile_lift")) + ", Brier "
                        + metric(model.get("backtest_brier")) + " (origins " + Html.escape(String.valueOf(model.get("backtest_origins"))) + ")");
    }

    /** A model trained tonight: whether it replaced the champion, and the figures that decided it. */
    private static String challengerLine(Map<String, Object> challenger) {
        boolean promoted = "champion".equals(challenger.get("status"));
        Object championAuc = challenger.get("champion_auc");
        Object championBacktest = challenger.get("champion_backtest_auc");
        return "新模型 trained tonight <b>" + Html.escape(String.valueOf(challenger.get("model_version"))) + "</b> ("
                + Html.escape(String.valueOf(challenger.get("trigger"))) + "): "
                + (promoted ? "启用 promoted" : "未启用 rejected, the champion stays")
                + "; holdout AUC " + auc(challenger.get("auc"))
                + (championAuc == null ? "" : " against the champion's " + auc(championAuc))
                + (challenger.get("backtest_auc") == null ? "" : "; backtest AUC " + auc(challenger.get("backtest_auc")))
                + (championBacktest == null ? "" : " against the champion's recipe " + auc(championBacktest));
    }

    private static void kpis(StringBuilder html, List<Map<String, Object>> kpis) {
        html.append("<h2>门店指标 KPIs per store</h2><table><tr><th class=\"l\">门店 Store</th>");
        KPI_COLUMNS.forEach(c -> html.append("<th>").append(c[1]).append("</th>"));
        html.append("</tr>");
        for (Map<String, Object> row : kpis) {
            boolean group = Tables.GROUP.equals(row.get("store_id"));
            html.append(group ? "<tr class=\"group\">" : "<tr>").append("<td class=\"l\">")
                    .append(Html.escape(group ? "集团 Group" : String.valueOf(row.get("store_id")))).append("</td>");
            for (String[] c : KPI_COLUMNS) {
                Object v = row.get(c[0]);
                html.append("<td>").append(v instanceof Double d && c[0].endsWith("_rate") ? percent(d) : metric(v)).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
        List<String> stores = new ArrayList<>();
        List<Double> active = new ArrayList<>();
        List<Double> listed = new ArrayList<>();
        for (Map<String, Object> row : kpis) {
            if (!Tables.GROUP.equals(row.get("store_id"))) {
                stores.add(String.valueOf(row.get("store_id")));
                active.add(((Number) row.get("active_customers")).doubleValue());
                listed.add(((Number) row.get("retention_list_size")).doubleValue());
            }
        }
        html.append("<div class=\"charts\">").append(SvgCharts.bars("活跃客户与名单 Active customers and list size per store", stores,
                List.of(new SvgCharts.Series("活跃 active", SvgCharts.PRIMARY, active),
                        new SvgCharts.Series("名单 listed", SvgCharts.SECONDARY, listed)), null)).append("</div>");
    }

    /** Tonight's list sizes, a row per store and a column per list. */
    private static void lists(StringBuilder html, Map<String, Map<String, Long>> sizes) {
        html.append("<h2>今晚名单 Tonight's call lists</h2><table><tr><th class=\"l\">门店 Store</th>");
        java.util.Set<String> stores = new java.util.TreeSet<>();
        for (ListType type : ListType.values()) {
            html.append("<th>").append(type.title(true)).append(' ').append(type.title(false)).append("</th>");
            stores.addAll(sizes.getOrDefault(type.id(), Map.of()).keySet());
        }
        html.append("</tr>");
        for (String store : stores) {
            html.append("<tr><td class=\"l\">").append(Html.escape(store)).append("</td>");
            for (ListType type : ListType.values()) {
                html.append("<td>").append(SvgCharts.number(sizes.getOrDefault(type.id(), Map.of()).getOrDefault(store, 0L)))
                        .append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
    }

    private static void quality(StringBuilder html, NightReport night) {
        ScoreQuality.Deciles d = night.deciles();
        html.append("<h2>模型质量 Model quality</h2>");
        List<String> deciles = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        List<Double> observed = new ArrayList<>();
        long customers = 0;
        double predictedSum = 0;
        double observedSum = 0;
        for (ScoreQuality.Decile decile : d.deciles()) {
            deciles.add(String.valueOf(decile.decile()));
            predicted.add(decile.meanPredicted());
            observed.add(decile.observedRate());
            customers += decile.customers();
            predictedSum += decile.meanPredicted() * decile.customers();
            observedSum += decile.observedRate() == null ? 0 : decile.observedRate() * decile.customers();
        }
        double meanPredicted = customers == 0 ? 0 : predictedSum / customers;
        double meanObserved = customers == 0 ? 0 : observedSum / customers;
        List<Double> predictedLift = predicted.stream().map(p -> meanPredicted == 0 ? null : p / meanPredicted).toList();
        List<SvgCharts.Series> lift = new ArrayList<>();
        lift.add(new SvgCharts.Series("预测 predicted", SvgCharts.PRIMARY, predictedLift));
        if (d.observed()) {
            lift.add(new SvgCharts.Series("实际 observed", SvgCharts.SECONDARY,
                    observed.stream().map(o -> o == null || meanObserved == 0 ? null : o / meanObserved).toList()));
        }
        html.append("<p class=\"note\">").append(d.observed()
                ? "按 " + d.snapshot() + " 的评分分十组，与其后实际流失对比 Deciles of the " + d.snapshot()
                        + " scores against the churn observed since."
                : "今晚评分的十分位（尚无可对比的实际结果：评分需满一个流失窗口）Deciles of tonight's scores; observed"
                        + " outcomes appear once scores are one churn window old.").append("</p>");
        html.append("<div class=\"charts\">");
        html.append(SvgCharts.bars("提升度 Lift by score decile (1 = highest risk)", deciles, lift, 1.0));
        if (d.observed()) {
            html.append(SvgCharts.calibration("校准 Calibration: predicted vs observed churn by decile",
                    List.of(new SvgCharts.Series("x", SvgCharts.PRIMARY, predicted)),
                    List.of(new SvgCharts.Series("实际 observed", SvgCharts.PRIMARY, observed))));
        } else {
            // Without outcomes a calibration plot would only compare the predictions with themselves.
            html.append(SvgCharts.bars("预测流失率 Predicted churn by decile (calibration once outcomes are in)", deciles,
                    List.of(new SvgCharts.Series("预测 predicted", SvgCharts.PRIMARY, predicted)), meanPredicted));
        }
        List<String> bins = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        for (ScoreQuality.Bin bin : night.scoreHistogram()) {
            bins.add(String.format(Locale.ROOT, "%.2f", bin.from()));
            counts.add((double) bin.customers());
        }
        html.append(SvgCharts.bars("流失概率分布 Churn probability distribution", bins,
                List.of(new SvgCharts.Series("客户 customers", SvgCharts.PRIMARY, counts)), null));
        html.append("</div>");
    }

    private static void deliveries(StringBuilder html, NightReport night) {
        html.append("<h2>今晚数据 Deliveries</h2><table><tr><th class=\"l\">门店 Store</th><th class=\"l\">数据 Entity</th>")
                .append("<th>读取 Read</th><th>入库 Loaded</th><th>隔离 Quarantined</th><th>车辆未知 Unknown vehicle</th>")
                .append("<th>客户未入库 Customer not loaded</th></tr>");
        for (NightReport.DeliveryGap gap : night.deliveryGaps()) {
            html.append("<tr><td class=\"l\">").append(Html.escape(gap.storeId())).append("</td><td class=\"l\" colspan=\"6\">")
                    .append(gap.noDelivery() ? "未收到数据 no delivery tonight"
                            : SvgCharts.number(gap.unmatchedFiles()) + " 个文件名无法识别，未读取 files whose names match no pattern, not read")
                    .append("</td></tr>");
        }
        for (NightReport.DeliveryCount d : night.deliveries()) {
            html.append("<tr><td class=\"l\">").append(Html.escape(d.storeId())).append("</td><td class=\"l\">")
                    .append(Html.escape(d.entity())).append("</td><td>").append(SvgCharts.number(d.read())).append("</td><td>")
                    .append(SvgCharts.number(d.loaded())).append("</td><td>").append(SvgCharts.number(d.quarantined()))
                    .append("</td><td>").append(d.entity().equals(SourceEntity.SERVICE_ORDER.key()) ? SvgCharts.number(d.unknownVehicle()) : "")
                    .append("</td><td>").append(namesCustomer(d.entity()) ? SvgCharts.number(d.unknownCustomer()) : "")
                    .append("</td></tr>");
        }
        html.append("</table>");
        if (!night.identity().isEmpty()) {
            html.append("<h2>客户识别 Identity resolution</h2><table><tr><th class=\"l\">指标 Figure</th><th>数值 Value</th></tr>");
            night.identity().forEach((figure, value) -> html.append("<tr><td class=\"l\">").append(Html.escape(figure))
                    .append("</td><td>").append(SvgCharts.number(value)).append("</td></tr>"));
            html.append("</table>");
        }
    }

    /** Whether the entity's rows name a customer, so may name one whose record is not loaded. */
    private static boolean namesCustomer(String entity) {
        return SourceEntity.fromKey(entity).flatMap(e -> e.field("customer_source_id")).isPresent();
    }

    private static void quarantine(StringBuilder html, NightReport night) {
        html.append("<h2>隔离数据 Quarantine</h2><p>今晚 tonight ").append(SvgCharts.number(night.quarantinedTonight()))
                .append(" · 累计 all nights ").append(SvgCharts.number(night.quarantineTotal())).append("</p>");
        if (!night.quarantine().isEmpty()) {
            html.append("<table><tr><th class=\"l\">门店 Store</th><th class=\"l\">原因 Reason</th><th>行数 Rows</th></tr>");
            for (NightReport.QuarantineCount q : night.quarantine()) {
                html.append("<tr><td class=\"l\">").append(Html.escape(q.storeId())).append("</td><td class=\"l\">")
                        .append(Html.escape(q.reason())).append("</td><td>").append(SvgCharts.number(q.rows())).append("</td></tr>");
            }
            html.append("</table>");
        }
    }

    private static void timings(StringBuilder html, Map<String, Long> timings) {
        html.append("<h2>运行时间 Run timings</h2><table><tr><th class=\"l\">步骤 Step</th><th>秒 Seconds</th></tr>");
        timings.forEach((step, ms) -> html.append("<tr><td class=\"l\">").append(Html.escape(step)).append("</td><td>")
                .append(String.format(Locale.ROOT, "%.1f", ms / 1000.0)).append("</td></tr>"));
        html.append("</table>");
    }

    /** An AUC to four places: a challenger and its champion are often a few thousandths apart. */
    private static String auc(Object value) {
        return value instanceof Double d && !d.isNaN() ? String.format(java.util.Locale.ROOT, "%.4f", d) : metric(value);
    }

    private static String metric(Object value) {
        if (value == null || value instanceof Double d && d.isNaN()) {
            return "–";
        }
        return value instanceof Number n ? SvgCharts.number(n.doubleValue()) : Html.escape(value.toString());
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }
}
