package org.retentionwarehouse.ingest.linkage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One comparison of a record pair: a role (or, for the location roles, a group of roles) mapped to an
 * agreement level. Level 0 is the strongest agreement, the last level is "different"; {@link #MISSING}
 * means a value is missing on either side and contributes no weight.
 *
 * <p>The location roles (address, street_number, city, postcode, state) are strongly dependent (the
 * same street implies the same suburb, postcode and state), so they form one comparison instead of five:
 * counting them as independent evidence would let a household sharing an address out-vote the names and
 * birth dates that tell its members apart.
 */
public abstract class Comparison implements ComparisonLevels {

    public static final int MISSING = -1;

    static final double NAME_CLOSE = 0.92;
    private static final Set<Role> LOCATION = Set.of(Role.ADDRESS, Role.STREET_NUMBER, Role.CITY, Role.POSTCODE, Role.STATE);

    private final String name;
    private final List<String> levels;

    Comparison(String name, List<String> levels) {
        this.name = name;
        this.levels = levels;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> levels() {
        return levels;
    }

    @Override
    public boolean identity() {
        return switch (name) {
            case "surname", "phone", "location", "free_text" -> false;
            default -> true;
        };
    }

    /** The agreement level of the pair, or {@link #MISSING}. */
    public abstract int compare(Record a, Record b);

    /** The comparisons for a set of mapped roles. */
    static List<Comparison> forRoles(Set<Role> roles) {
        List<Comparison> out = new ArrayList<>();
        for (Role r : roles) {
            switch (r) {
                case PERSON_NAME, GIVEN_NAME, SURNAME -> out.add(new NameComparison(r));
                case PHONE -> out.add(new PhoneComparison());
                case EMAIL -> out.add(new EmailComparison());
                case DATE_OF_BIRTH -> out.add(new DateComparison());
                case ID_NUMBER -> out.add(new IdComparison(r));
                case VIN -> out.add(new IdComparison(r));
                case FREE_TEXT -> out.add(new TextComparison());
                default -> {
                }
            }
        }
        if (roles.stream().anyMatch(LOCATION::contains)) {
            out.add(new LocationComparison(roles));
        }
        return out;
    }

    /** A comparison of one role's values: missing when either is absent, the top level when equal. */
    abstract static class ValueComparison extends Comparison {
        final Role role;

        ValueComparison(Role role, List<String> levels) {
            super(role.key(), levels);
            this.role = role;
        }

        @Override
        public final int compare(Record a, Record b) {
            String x = a.get(role);
            String y = b.get(role);
            if (x == null || y == null) {
                return MISSING;
            }
            return x.equals(y) ? 0 : unequal(x, y);
        }

        /** The level of two present values that differ. */
        abstract int unequal(String x, String y);
    }

    /**
     * Exact (word order ignored) / close: Jaro-Winkler at least 0.92, one edit apart (two from 8
     * letters), one Han character apart for 2-4 character Chinese names, or an initial / different.
     */
    static final class NameComparison extends ValueComparison {
        NameComparison(Role role) {
            super(role, List.of("exact", "close", "different"));
        }

        @Override
        int unequal(String x, String y) {
            String sx = Similarity.sortedTokens(x);
            String sy = Similarity.sortedTokens(y);
            if (sx.equals(sy)) {
                return 0;
            }
            if (Similarity.isHanName(x) && Similarity.isHanName(y)) {
                return Similarity.levenshtein(x, y, 1) <= 1 ? 1 : 2;
            }
            if (Similarity.jaroWinkler(x, y) >= NAME_CLOSE || Similarity.jaroWinkler(sx, sy) >= NAME_CLOSE) {
                return 1;
            }
            int shorter = Math.min(x.length(), y.length());
            if (shorter >= 2 && Similarity.levenshtein(x, y, shorter >= 8 ? 2 : 1) <= (shorter >= 8 ? 2 : 1)) {
                return 1; // one typo in a short name (MIA / MA) is below the Jaro-Winkler bar
            }
            if (role == Role.GIVEN_NAME && (x.length() == 1 || y.length() == 1) && x.charAt(0) == y.charAt(0)) {
                return 1;
            }
            return 2;
        }
    }

    /** Exact / same last 8 digits / different. */
    static final class PhoneComparison extends ValueComparison {
        PhoneComparison() {
            super(Role.PHONE, List.of("exact", "last_8_digits", "different"));
        }

        @Override
        int unequal(String x, String y) {
            if (x.length() >= 8 && y.length() >= 8 && x.regionMatches(x.length() - 8, y, y.length() - 8, 8)) {
                return 1;
            }
            return 2;
        }
    }

    /** Exact / same local part or Jaro-Winkler at least 0.92 / different. */
    static final class EmailComparison extends ValueComparison {
        EmailComparison() {
            super(Role.EMAIL, List.of("exact", "close", "different"));
        }

        @Override
        int unequal(String x, String y) {
            String lx = x.substring(0, x.indexOf('@'));
            String ly = y.substring(0, y.indexOf('@'));
            if (lx.equals(ly) || Similarity.jaroWinkler(x, y) >= NAME_CLOSE) {
                return 1;
            }
            return 2;
        }
    }

    /** Exact / same year and month, or day and month transposed / different. */
    static final class DateComparison extends ValueComparison {
        DateComparison() {
            super(Role.DATE_OF_BIRTH, List.of("exact", "close", "different"));
        }

        @Override
        int unequal(String x, String y) {
            return level(x, y);
        }

        /** The level of two ISO dates. */
        static int level(String x, String y) {
            if (x == null || y == null) {
                return MISSING;
            }
            if (x.equals(y)) {
                return 0;
            }
            if (x.regionMatches(0, y, 0, 7)) {
                return 1;
            }
            boolean sameYear = x.regionMatches(0, y, 0, 4);
            if (sameYear && x.regionMatches(5, y, 8, 2) && x.regionMatches(8, y, 5, 2)) {
                return 1;
            }
            return 2;
        }
    }

    /** Identifiers (ID number, VIN): exact / one character apart / different. */
    static final class IdComparison extends ValueComparison {
        IdComparison(Role role) {
            super(role, List.of("exact", "one_character", "different"));
        }

        @Override
        int unequal(String x, String y) {
            return Similarity.levenshtein(x, y, 1) <= 1 ? 1 : 2;
        }
    }

    /** Token sets: exact / Jaccard at least 0.5 / different. */
    static final class TextComparison extends ValueComparison {
        TextComparison() {
            super(Role.FREE_TEXT, List.of("exact", "overlap", "different"));
        }

        @Override
        int unequal(String x, String y) {
            return Similarity.jaccard(x, y) >= 0.5 ? 1 : 2;
        }
    }

    /**
     * Address, street number, city, postcode, state together: same_address (street close, number and
     * area equal where known) / same_area (postcode or city equal, or state when nothing finer is
     * mapped) / different.
     */
    static final class LocationComparison extends Comparison {
        LocationComparison(Set<Role> roles) {
            super("location", List.of("same_address", "same_area", "different"));
        }

        @Override
        public int compare(Record a, Record b) {
            int known = 0;
            String ax = a.get(Role.ADDRESS);
            String bx = b.get(Role.ADDRESS);
            Boolean street = null;
            if (ax != null && bx != null) {
                known++;
                street = ax.equals(bx) || Similarity.jaccard(ax, bx) >= 0.5 || Similarity.jaroWinkler(ax, bx) >= NAME_CLOSE;
            }
            Boolean number = eq(a.get(Role.STREET_NUMBER), b.get(Role.STREET_NUMBER));
            Boolean postcode = eq(a.get(Role.POSTCODE), b.get(Role.POSTCODE));
            Boolean city = cityEq(a.get(Role.CITY), b.get(Role.CITY));
            Boolean state = eq(a.get(Role.STATE), b.get(Role.STATE));
            if (street == null && number == null && postcode == null && city == null && state == null) {
                return MISSING;
            }
            boolean areaKnown = postcode != null || city != null;
            boolean area = Boolean.TRUE.equals(postcode) || (postcode == null && Boolean.TRUE.equals(city));
            boolean areaOk = !areaKnown || area;
            if (Boolean.TRUE.equals(street) && !Boolean.FALSE.equals(number) && areaOk) {
                return 0;
            }
            if (street == null && Boolean.TRUE.equals(number) && areaKnown && area) {
                return 0;
            }
            if (area || Boolean.TRUE.equals(city)) {
                return 1;
            }
            if (!areaKnown && Boolean.TRUE.equals(state)) {
                return 1;
            }
            return 2;
        }

        private static Boolean eq(String x, String y) {
            return x == null || y == null ? null : x.equals(y);
        }

        private static Boolean cityEq(String x, String y) {
            return x == null || y == null ? null : x.equals(y) || Similarity.jaroWinkler(x, y) >= NAME_CLOSE;
        }
    }
}
