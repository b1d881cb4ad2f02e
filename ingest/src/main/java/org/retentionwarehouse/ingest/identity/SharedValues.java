package org.retentionwarehouse.ingest.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One instance of each repeated value among the customer records identity resolution holds in
 * memory. Spark hands over every field of every row as a new object, so 3.2 million records held
 * 32 million strings and 11 million dates, nearly all of them copies of a store id, a city, a gender,
 * a customer's key or a name another record also has: 2 GB of a million customers' heap, which a
 * virtual machine then has to back with memory first touched during the night (BENCHMARKS.md, "Stop 44").
 *
 * <p>Strings are found by their {@link LongIntMap#hash}, not in a {@code HashMap}: 2- and 3-character
 * Chinese names' {@code String.hashCode} values crowd into a narrow range, so a map of a million
 * customers' names and phones spent most of the records' collection in its tree bins (BENCHMARKS.md,
 * "Stop 45"). Not thread-safe: one instance per collection.
 */
final class SharedValues {

    /** Days cached: 1900 to 2099, which holds every birth date and business date of a real group. */
    private static final int FIRST_DAY = (int) LocalDate.of(1900, 1, 1).toEpochDay();
    private static final int DAYS = (int) (LocalDate.of(2100, 1, 1).toEpochDay() - FIRST_DAY);

    private final ToLongFunction<String> hash;
    private final LongIntMap indexOfHash = new LongIntMap(1 << 16);
    private final List<String> strings = new ArrayList<>();
    private final LocalDate[] days = new LocalDate[DAYS];

    SharedValues() {
        this(LongIntMap::hash);
    }

    /** @param hash the strings' 64-bit hash; a test gives one that collides */
    SharedValues(ToLongFunction<String> hash) {
        this.hash = hash;
    }

    /** The first string equal to {@code value} this instance was given; null for null. */
    String of(String value) {
        if (value == null) {
            return null;
        }
        int index = indexOfHash.putIfAbsent(hash.applyAsLong(value), strings.size());
        if (index == LongIntMap.ABSENT) {
            strings.add(value);
            return value;
        }
        String first = strings.get(index);
        // Another string with the same hash: this one stays unshared rather than become the other.
        return first.equals(value) ? first : value;
    }

    /** The date {@code epochDay} days after 1970-01-01, one instance per day. */
    LocalDate day(int epochDay) {
        int i = epochDay - FIRST_DAY;
        if (i < 0 || i >= DAYS) {
            return LocalDate.ofEpochDay(epochDay);
        }
        LocalDate day = days[i];
        if (day == null) {
            day = LocalDate.ofEpochDay(epochDay);
            days[i] = day;
        }
        return day;
    }
}
