package org.retentionwarehouse.reports.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.retentionwarehouse.reports.quality.ScoreQuality;

/**
 * Everything the night's {@code run-summary.json} and {@code report.html} show, gathered once from
 * the warehouse. Rows of registry and KPI tables are kept as column-to-value maps, so columns a
 * later version adds to those tables show up without changing this type.
 *
 * @param kpis            tonight's {@code marts.kpi_store_daily} rows, stores first, the group last
 * @param model           the {@code marts.model_registry} row of the model behind tonight's scores; empty before the first model
 * @param challengers     the registry rows of the models trained tonight, promoted or rejected; empty on other nights
 * @param deliveries      tonight's rows read, loaded and quarantined per store and entity (from {@code marts.run_log})
 * @param deliveryGaps    the stores that delivered nothing tonight or files no pattern of their dialect matches
 * @param identity        tonight's identity-resolution figures (records, customers, pairs, records by rule)
 * @param listSizes       tonight's list sizes by list type and store
 * @param quarantine      rows quarantined tonight, per store and reason
 * @param quarantineTotal rows quarantined on every night so far
 * @param timingsMillis   wall time per step and per reports phase, in run order
 */
public record NightReport(LocalDate date, List<Map<String, Object>> kpis, Map<String, Object> model,
                          List<Map<String, Object>> challengers,
                          ScoreQuality.Deciles deciles, List<ScoreQuality.Bin> scoreHistogram,
                          List<DeliveryCount> deliveries, List<DeliveryGap> deliveryGaps, Map<String, Long> identity,
                          long scoredCustomers,
                          Map<String, Map<String, Long>> listSizes,
                          List<QuarantineCount> quarantine, long quarantineTotal, Map<String, Long> timingsMillis) {

    /**
     * One store's rows of one entity tonight: {@code read = loaded + quarantined}; {@code unknownVehicle}
     * of the loaded repair orders are for a vehicle no record describes yet, and {@code unknownCustomer}
     * of the loaded sales, repair orders or interactions for a customer whose record is not loaded.
     */
    public record DeliveryCount(String storeId, String entity, long read, long loaded, long quarantined, long unknownVehicle,
                                long unknownCustomer) { }

    /**
     * A store whose night brought nothing of it into the warehouse, or not everything: no folder at
     * all, or {@code unmatchedFiles} files whose names no pattern of its dialect matches (renamed by
     * the store's system, say), which were not read.
     */
    public record DeliveryGap(String storeId, boolean noDelivery, long unmatchedFiles) { }

    /** Rows loaded tonight per entity, all stores. */
    public Map<String, Long> loadedRows() {
        Map<String, Long> loaded = new TreeMap<>();
        deliveries.forEach(d -> loaded.merge(d.entity(), d.loaded(), Long::sum));
        return loaded;
    }

    /** Rows of one store quarantined for one reason. */
    public record QuarantineCount(String storeId, String reason, long rows) { }

    /** Rows quarantined tonight, all stores and reasons. */
    public long quarantinedTonight() {
        return quarantine.stream().mapToLong(QuarantineCount::rows).sum();
    }
}
