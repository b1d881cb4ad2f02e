package org.retentionwarehouse.warehouse.table;

import static org.retentionwarehouse.warehouse.table.SourceField.code;
import static org.retentionwarehouse.warehouse.table.SourceField.optional;
import static org.retentionwarehouse.warehouse.table.SourceField.required;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The canonical entities every store extract is mapped onto, whatever its DMS layout. A dialect
 * maps its headers or JSON paths onto these fields; staging tables hold exactly these columns plus
 * lineage. The natural key (with the store id) identifies a record across deliveries, so a
 * re-delivered or corrected record replaces the old one.
 */
public enum SourceEntity {
    CUSTOMER(List.of("source_id"),
            required("source_id", FieldType.TEXT),
            code("source_system", true, "sales", "service", "crm"),
            required("name", FieldType.NAME),
            optional("phone", FieldType.PHONE),
            optional("id_number", FieldType.ID_NUMBER),
            code("gender", false, "M", "F"),
            optional("birth_date", FieldType.DATE),
            code("customer_type", true, "private", "commercial"),
            optional("company_name", FieldType.NAME),
            code("tier", false, "regular", "vip", "premier", "fleet"),
            optional("opt_out", FieldType.BOOLEAN),
            optional("blacklist", FieldType.BOOLEAN),
            optional("city", FieldType.TEXT),
            required("created_date", FieldType.DATE)),
    VEHICLE(List.of("vin"),
            required("vin", FieldType.VIN),
            optional("plate", FieldType.PLATE),
            optional("brand", FieldType.TEXT),
            optional("model", FieldType.TEXT),
            optional("model_year", FieldType.INT),
            required("owner_source_id", FieldType.TEXT),
            optional("purchase_date", FieldType.DATE),
            optional("insurance_expiry", FieldType.DUE_DATE),
            optional("inspection_due", FieldType.DUE_DATE)),
    SALE(List.of("order_id"),
            required("order_id", FieldType.TEXT),
            required("customer_source_id", FieldType.TEXT),
            required("vin", FieldType.VIN),
            required("order_date", FieldType.DATE),
            required("amount", FieldType.AMOUNT),
            code("sale_type", true, "new", "used")),
    SERVICE_ORDER(List.of("order_id"),
            required("order_id", FieldType.TEXT),
            required("customer_source_id", FieldType.TEXT),
            required("vin", FieldType.VIN),
            required("open_date", FieldType.DATE),
            optional("close_date", FieldType.DATE),
            optional("mileage", FieldType.INT),
            code("service_type", true, "maintenance", "repair", "warranty", "accident", "inspection"),
            required("amount", FieldType.AMOUNT)),
    SERVICE_LINE(List.of("order_id", "line_no"),
            required("order_id", FieldType.TEXT),
            required("line_no", FieldType.INT),
            code("line_type", true, "part", "labour"),
            optional("item_code", FieldType.TEXT),
            optional("description", FieldType.TEXT),
            optional("quantity", FieldType.DECIMAL),
            required("amount", FieldType.AMOUNT),
            optional("technician", FieldType.NAME)),
    INTERACTION(List.of("interaction_id"),
            required("interaction_id", FieldType.TEXT),
            required("customer_source_id", FieldType.TEXT),
            code("interaction_type", true, "consultation", "complaint", "callback", "survey", "care"),
            required("interaction_date", FieldType.DATE),
            code("channel", false, "phone", "wechat", "store", "sms"),
            code("category", false, "quality", "price", "attitude", "waiting", "parts", "other"),
            optional("resolved_date", FieldType.DATE),
            optional("score", FieldType.INT),
            code("outcome", false, "reached", "no_answer", "refused"),
            optional("related_order_id", FieldType.TEXT)),
    LEAD(List.of("lead_id"),
            required("lead_id", FieldType.TEXT),
            required("name", FieldType.NAME),
            optional("phone", FieldType.PHONE),
            required("visit_date", FieldType.DATE),
            optional("interested_model", FieldType.TEXT),
            code("channel", false, "walk_in", "online", "phone", "event"));

    private final List<String> naturalKey;
    private final List<SourceField> fields;

    SourceEntity(List<String> naturalKey, SourceField... fields) {
        this.naturalKey = naturalKey;
        this.fields = List.of(fields);
    }

    /** The name used in configuration and table names, e.g. {@code service_order}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<String> naturalKey() {
        return naturalKey;
    }

    public List<SourceField> fields() {
        return fields;
    }

    public Optional<SourceField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The entity named {@code key} in configuration, if there is one. */
    public static Optional<SourceEntity> fromKey(String key) {
        for (SourceEntity entity : values()) {
            if (entity.key().equals(key)) {
                return Optional.of(entity);
            }
        }
        return Optional.empty();
    }
}
