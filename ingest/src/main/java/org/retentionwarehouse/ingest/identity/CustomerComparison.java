package org.retentionwarehouse.ingest.identity;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.retentionwarehouse.ingest.linkage.ComparisonLevels;

/**
 * One comparison of two customer records for the Fellegi-Sunter model: the agreement level, or
 * {@link #MISSING} when either side lacks the value. The comparisons are the warehouse's own
 * (customer records carry transactions and a sound key the generic file linkage does not have), the
 * EM is the shared {@link org.retentionwarehouse.ingest.linkage.FellegiSunter}.
 */
abstract class CustomerComparison implements ComparisonLevels {

    static final int MISSING = -1;

    private final String name;
    private final List<String> levels;
    private final boolean identity;

    CustomerComparison(String name, boolean identity, String... levels) {
        this.name = name;
        this.levels = List.of(levels);
        this.identity = identity;
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
        return identity;
    }

    abstract int compare(CustomerRecord a, CustomerRecord b);

    /** The name comparison's place in {@link #all}, so in every pattern. */
    static final int NAME = 0;

    /**
     * The comparisons, in pattern order.
     *
     * @param commonName whether a name is one that many different people carry: agreeing on one is weak evidence
     */
    static List<CustomerComparison> all(Predicate<String> commonName) {
        return List.of(new NameComparison(commonName),
                exact("phone", false, CustomerRecord::phone),
                exact("id_number", true, CustomerRecord::idHash),
                exact("birth_date", true, CustomerRecord::birthDate),
                exact("gender", true, CustomerRecord::gender),
                new PlaceComparison(),
                new TransactionComparison());
    }

    private static CustomerComparison exact(String name, boolean identity, Function<CustomerRecord, Object> value) {
        return new CustomerComparison(name, identity, "same", "different") {
            @Override
            int compare(CustomerRecord a, CustomerRecord b) {
                Object x = value.apply(a);
                Object y = value.apply(b);
                return x == null || y == null ? MISSING : x.equals(y) ? 0 : 1;
            }
        };
    }

    /**
     * exact / exact but common (a name many people share, so weak evidence) / sounds alike (a
     * same-sounding character, the pinyin input method's typo) / one character apart / different.
     */
    static final class NameComparison extends CustomerComparison {
        /** The level of two names that neither sound alike nor are one character apart. */
        static final int DIFFERENT = 4;

        private final Predicate<String> commonName;

        NameComparison(Predicate<String> commonName) {
            super("name", true, "exact", "exact_common", "sounds_alike", "one_character", "different");
            this.commonName = commonName;
        }

        @Override
        int compare(CustomerRecord a, CustomerRecord b) {
            if (a.name() == null || b.name() == null) {
                return MISSING;
            }
            if (a.name().equals(b.name())) {
                return commonName.test(a.name()) ? 1 : 0;
            }
            if (Objects.equals(a.sound(), b.sound())) {
                return 2;
            }
            return oneCharacterApart(a.name(), b.name()) ? 3 : DIFFERENT;
        }

        private static boolean oneCharacterApart(String x, String y) {
            if (x.length() != y.length() || x.length() < 2) {
                return false;
            }
            int differences = 0;
            for (int i = 0; i < x.length(); i++) {
                if (x.charAt(i) != y.charAt(i) && ++differences > 1) {
                    return false;
                }
            }
            return true;
        }
    }

    /** same store / same city / different. */
    static final class PlaceComparison extends CustomerComparison {
        PlaceComparison() {
            super("place", false, "same_store", "same_city", "different");
        }

        @Override
        int compare(CustomerRecord a, CustomerRecord b) {
            if (a.storeId().equals(b.storeId())) {
                return 0;
            }
            if (a.city() == null || b.city() == null) {
                return MISSING;
            }
            return a.city().equals(b.city()) ? 1 : 2;
        }
    }

    /** shared (the records did business on one vehicle or one service order) / none. */
    static final class TransactionComparison extends CustomerComparison {
        TransactionComparison() {
            super("transaction", false, "shared", "none");
        }

        @Override
        int compare(CustomerRecord a, CustomerRecord b) {
            long[] x = a.transactions();
            long[] y = b.transactions();
            if (x.length == 0 || y.length == 0) {
                return MISSING;
            }
            // Both ascending: one merge pass.
            for (int i = 0, j = 0; i < x.length && j < y.length; ) {
                if (x[i] == y[j]) {
                    return 0;
                }
                if (x[i] < y[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            return 1;
        }
    }
}
