package org.retentionwarehouse.reports.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code run-summary.json}: the night in numbers, for schedulers and monitoring to read. */
public final class RunSummaryJson {

    private RunSummaryJson() {
    }

    public static void write(Path file, NightReport night) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("business_date", night.date().toString());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("loaded_rows", night.loadedRows());
        counts.put("deliveries", night.deliveries());
        counts.put("delivery_gaps", night.deliveryGaps());
        counts.put("scored_customers", night.scoredCustomers());
        counts.put("list_sizes", night.listSizes());
        json.put("counts", counts);
        json.put("timings_ms", night.timingsMillis());
        json.put("model", plain(night.model()));
        json.put("challengers", night.challengers().stream().map(RunSummaryJson::plain).toList());
        Map<String, Object> quality = new LinkedHashMap<>();
        quality.put("deciles_snapshot", night.deciles().snapshot().toString());
        quality.put("observed_outcomes", night.deciles().observed());
        quality.put("deciles", night.deciles().deciles());
        json.put("score_quality", quality);
        json.put("identity", night.identity());
        Map<String, Object> quarantine = new LinkedHashMap<>();
        quarantine.put("tonight", night.quarantinedTonight());
        quarantine.put("all_nights", night.quarantineTotal());
        quarantine.put("tonight_by_store_and_reason", night.quarantine());
        json.put("quarantine", quarantine);
        json.put("kpis", night.kpis().stream().map(RunSummaryJson::plain).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    /** Dates and other SQL types as text, so the JSON needs no type modules; NaN (no metric) as null. */
    private static Map<String, Object> plain(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> out.put(k, v instanceof Double d && d.isNaN() ? null
                : v == null || v instanceof Number || v instanceof Boolean || v instanceof String ? v : v.toString()));
        return out;
    }
}
