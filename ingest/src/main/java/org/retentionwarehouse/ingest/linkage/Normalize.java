package org.retentionwarehouse.ingest.linkage;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.retentionwarehouse.ingest.normalize.IdNumbers;
import org.retentionwarehouse.ingest.normalize.Names;
import org.retentionwarehouse.ingest.normalize.Phones;

/** Per-role normalisation to the comparable form; every method returns {@code null} for a missing value. */
public final class Normalize {

    private static final Pattern NUMBERS = Pattern.compile("\\d+");
    private static final Map<String, String> STREET_WORDS = Map.ofEntries(
            Map.entry("ST", "STREET"), Map.entry("RD", "ROAD"), Map.entry("AVE", "AVENUE"), Map.entry("AV", "AVENUE"),
            Map.entry("DR", "DRIVE"), Map.entry("CT", "COURT"), Map.entry("PL", "PLACE"), Map.entry("LN", "LANE"),
            Map.entry("CRES", "CRESCENT"), Map.entry("HWY", "HIGHWAY"), Map.entry("PDE", "PARADE"),
            Map.entry("TCE", "TERRACE"), Map.entry("BLVD", "BOULEVARD"), Map.entry("CL", "CLOSE"), Map.entry("SQ", "SQUARE"));

    private Normalize() {
    }

    /** The normalised value of {@code raw} for {@code role}. */
    public static String value(Role role, String raw) {
        if (raw == null) {
            return null;
        }
        String v = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
        if (v.isEmpty() || v.equalsIgnoreCase("null") || v.equalsIgnoreCase("n/a") || v.equals("-")) {
            return null;
        }
        return switch (role) {
            case PERSON_NAME, GIVEN_NAME, SURNAME, CITY -> name(v);
            case PHONE -> phone(v);
            case EMAIL -> email(v);
            case DATE_OF_BIRTH -> date(v);
            case ID_NUMBER -> idNumber(v);
            case VIN, POSTCODE, STREET_NUMBER, STATE -> alnum(v);
            case ADDRESS -> address(v);
            case FREE_TEXT -> text(v);
        };
    }

    /** Names.canonical, then punctuation dropped (so O'Brien = OBRIEN, Smith-Jones = SMITH JONES). */
    static String name(String v) {
        String c = Names.canonical(v);
        if (c == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(c.length());
        boolean space = false;
        for (int i = 0; i < c.length(); ) {
            int cp = c.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (space && b.length() > 0) {
                    b.append(' ');
                }
                space = false;
                b.appendCodePoint(cp);
            } else if (cp == ' ' || cp == '-') {
                space = true;
            }
        }
        return b.length() == 0 ? null : stripAccents(b.toString());
    }

    private static String stripAccents(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        return d.replaceAll("\\p{M}+", "");
    }

    /**
     * Chinese mobiles via Phones.canonical (11 digits); anything else, landlines included (Phones would
     * read an Australian 04xx mobile as a Chinese landline): its digits, the last 9 when longer, which
     * drops country and trunk prefixes (+61 412..., 0412... and 0061 412... agree).
     */
    static String phone(String v) {
        String cn = Phones.canonical(v);
        if (Phones.isMobile(cn)) {
            return cn;
        }
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                d.append(c);
            }
        }
        if (d.length() < 6) {
            return null;
        }
        String s = d.toString();
        return s.length() > 9 ? s.substring(s.length() - 9) : s;
    }

    static String email(String v) {
        String e = v.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        int at = e.indexOf('@');
        return at <= 0 || at == e.length() - 1 ? null : e;
    }

    /**
     * Dates to ISO yyyy-MM-dd: year first (2024-03-05, 2024/3/5, 20240305, 2024年3月5日) or year last,
     * read day first (05/03/2024, 5.3.2024) unless only month first is valid (03/25/2024).
     */
    static String date(String v) {
        List<String> parts = new ArrayList<>(3);
        Matcher m = NUMBERS.matcher(v);
        while (m.find()) {
            parts.add(m.group());
        }
        int y;
        int mo;
        int d;
        if (parts.size() == 1 && parts.get(0).length() == 8) {
            String s = parts.get(0);
            y = Integer.parseInt(s.substring(0, 4));
            mo = Integer.parseInt(s.substring(4, 6));
            d = Integer.parseInt(s.substring(6, 8));
        } else if (parts.size() >= 3 && parts.get(0).length() == 4) {
            y = Integer.parseInt(parts.get(0));
            mo = Integer.parseInt(parts.get(1));
            d = Integer.parseInt(parts.get(2));
        } else if (parts.size() >= 3 && parts.get(2).length() == 4 && parts.get(0).length() <= 2 && parts.get(1).length() <= 2) {
            y = Integer.parseInt(parts.get(2));
            d = Integer.parseInt(parts.get(0));
            mo = Integer.parseInt(parts.get(1));
            if (mo > 12 && d <= 12) {
                int t = mo;
                mo = d;
                d = t;
            }
        } else {
            return null;
        }
        try {
            return LocalDate.of(y, mo, d).toString();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Chinese resident ID numbers canonical when valid; otherwise letters and digits upper-cased. */
    static String idNumber(String v) {
        String cn = IdNumbers.canonical(v);
        return cn != null ? cn : alnum(v);
    }

    static String alnum(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                b.appendCodePoint(Character.toUpperCase(cp));
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** Upper-case word tokens with common street-type abbreviations expanded. */
    static String address(String v) {
        String t = text(v);
        if (t == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(t.length() + 8);
        for (String w : t.split(" ")) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(STREET_WORDS.getOrDefault(w, w));
        }
        return b.toString();
    }

    /** Letters-and-digits tokens, upper-cased, single spaced. */
    static String text(String v) {
        StringBuilder b = new StringBuilder(v.length());
        boolean gap = false;
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (gap && b.length() > 0) {
                    b.append(' ');
                }
                gap = false;
                b.appendCodePoint(Character.toUpperCase(cp));
            } else {
                gap = true;
            }
        }
        return b.length() == 0 ? null : stripAccents(b.toString());
    }
}
