package org.retentionwarehouse.ingest.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Map;
import org.apache.spark.sql.types.DecimalType;
import org.retentionwarehouse.warehouse.config.Dialect;
import org.retentionwarehouse.warehouse.config.EntityLayout;
import org.retentionwarehouse.warehouse.table.SourceField;

/**
 * Turns one source value, written the way a store's dialect writes it, into its canonical text
 * (ISO dates, plain decimals, canonical codes, normalized phones and names, hashed ID numbers),
 * or rejects it with a reason. One instance serves one dialect and entity layout.
 */
public final class FieldNormalizer {

    private final Dialect dialect;
    private final EntityLayout layout;
    private final DateTimeFormatter dates;
    private final byte[] idHashKey;
    private final LocalDate businessDate;

    /**
     * @param businessDate the night the file covers: no event in it can have happened later
     */
    public FieldNormalizer(Dialect dialect, EntityLayout layout, byte[] idHashKey, LocalDate businessDate) {
        this.dialect = dialect;
        this.businessDate = businessDate;
        this.layout = layout;
        // 'uuuu' so STRICT resolving accepts years without an era and rejects 31 February.
        this.dates = DateTimeFormatter.ofPattern(dialect.dateFormat().replace("yyyy", "uuuu"))
                .withResolverStyle(ResolverStyle.STRICT);
        this.idHashKey = idHashKey.clone();
    }

    /** The canonical text of {@code raw} for {@code field}; {@code null} when absent. */
    public String normalize(SourceField field, String raw) throws Rejection {
        String text = raw == null ? null : raw.strip();
        if (text == null || text.isEmpty()) {
            if (field.required()) {
                throw new Rejection(Reasons.MISSING_REQUIRED, field.name() + " is empty");
            }
            return null;
        }
        return switch (field.type()) {
            case TEXT -> text;
            case NAME -> Names.canonical(text);
            case PHONE -> Phones.canonical(text);
            case ID_NUMBER -> {
                String id = IdNumbers.canonical(text);
                yield id == null ? null : IdNumbers.hash(id, idHashKey);
            }
            case VIN -> vin(field, text);
            case PLATE -> Names.canonical(text).replaceAll("[\\s·.\\-]", "");
            case DATE -> past(field, date(field, text));
            case DUE_DATE -> date(field, text);
            case AMOUNT -> amount(field, text, true);
            case DECIMAL -> amount(field, text, false);
            case INT -> integer(field, text);
            case BOOLEAN -> bool(field, text);
            case CODE -> code(field, text);
        };
    }

    private static String vin(SourceField field, String text) throws Rejection {
        String vin = Names.canonical(text);
        if (!Vins.isValid(vin)) {
            throw new Rejection(Reasons.BAD_VIN, field.name() + " '" + text + "' is not a valid 17-character VIN");
        }
        return vin;
    }

    private String past(SourceField field, String date) throws Rejection {
        if (LocalDate.parse(date).isAfter(businessDate)) {
            throw new Rejection(Reasons.FUTURE_DATE, field.name() + " " + date + " is after the file's business date " + businessDate);
        }
        return date;
    }

    private String date(SourceField field, String text) throws Rejection {
        try {
            return LocalDate.from(dates.parse(text)).toString();
        } catch (DateTimeParseException e) {
            throw new Rejection(Reasons.BAD_DATE, field.name() + " '" + text + "' does not match " + dialect.dateFormat());
        }
    }

    private String amount(SourceField field, String text, boolean nonNegative) throws Rejection {
        String plain = text;
        if (!dialect.groupingSeparator().isEmpty()) {
            plain = plain.replace(dialect.groupingSeparator(), "");
        }
        if (!".".equals(dialect.decimalSeparator())) {
            plain = plain.replace(dialect.decimalSeparator(), ".");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(plain);
        } catch (NumberFormatException e) {
            throw new Rejection(Reasons.BAD_NUMBER, field.name() + " '" + text + "' is not a number");
        }
        if (nonNegative && value.signum() < 0) {
            throw new Rejection(Reasons.NEGATIVE_AMOUNT, field.name() + " " + text + " is negative");
        }
        // Staging stores the amount as decimal(14, 2): a larger one would fail the whole night's
        // write instead of this row.
        DecimalType stored = (DecimalType) field.type().sparkType();
        BigDecimal rounded = value.setScale(stored.scale(), RoundingMode.HALF_UP);
        int digits = stored.precision() - stored.scale();
        if (rounded.precision() - rounded.scale() > digits) {
            throw new Rejection(Reasons.BAD_NUMBER, field.name() + " " + text + " has more than " + digits
                    + " digits before the decimal point");
        }
        return value.toPlainString();
    }

    private static String integer(SourceField field, String text) throws Rejection {
        try {
            return Integer.toString(new BigDecimal(text).intValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Rejection(Reasons.BAD_NUMBER, field.name() + " '" + text + "' is not a whole number from "
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
        }
    }

    private String bool(SourceField field, String text) throws Rejection {
        if (dialect.trueValues().contains(text)) {
            return "true";
        }
        if (dialect.falseValues().contains(text)) {
            return "false";
        }
        throw new Rejection(Reasons.UNKNOWN_CODE, field.name() + " '" + text + "' is neither "
                + dialect.trueValues() + " nor " + dialect.falseValues());
    }

    private String code(SourceField field, String text) throws Rejection {
        Map<String, String> mapping = layout.codes().get(field.name());
        String canonical = mapping == null ? text : mapping.get(text);
        if (canonical == null || !field.codes().contains(canonical)) {
            throw new Rejection(Reasons.UNKNOWN_CODE, field.name() + " code '" + text + "' is not in the store's code list");
        }
        return canonical;
    }
}
