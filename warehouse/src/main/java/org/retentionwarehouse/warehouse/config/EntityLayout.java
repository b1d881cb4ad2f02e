package org.retentionwarehouse.warehouse.config;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one canonical entity sits in a dialect's files: the file name pattern ({@code {date}} is
 * the business date as yyyyMMdd), an optional JSON array whose elements are the records, the
 * canonical-column-to-source mapping and the code translations.
 */
public record EntityLayout(String file, String array, Map<String, String> columns,
                           Map<String, Map<String, String>> codes) implements Serializable {

    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    public EntityLayout {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        codes = codes == null ? Map.of() : Map.copyOf(codes);
    }

    /** The business date encoded in {@code fileName}, when the name matches this layout's pattern. */
    public Optional<LocalDate> businessDate(String fileName) {
        String regex = Pattern.quote(file).replace("{date}", "\\E(\\d{8})\\Q");
        Matcher m = Pattern.compile(regex).matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(m.group(1), FILE_DATE));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
