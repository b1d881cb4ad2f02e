package org.retentionwarehouse.simulator.world;

import java.time.LocalDate;
import java.util.List;
import org.retentionwarehouse.simulator.identity.ResidentId;
import org.retentionwarehouse.simulator.model.Gender;
import org.retentionwarehouse.simulator.random.KeyedPermutation;
import org.retentionwarehouse.simulator.random.Seeds;

/**
 * Identity numbers, mobiles and landlines: keyed permutations of the person number, so they are
 * unique by construction (two persons share one only where a trap says so).
 */
final class IdentityNumbers {

    /** Birthplace region codes (districts of the group's cities and of common home provinces). */
    private static final List<String> REGIONS = List.of("330102", "330105", "330106", "330108", "330109", "330110",
            "330203", "330205", "330206", "330212", "310115", "310112", "310104", "310114", "320508", "320506",
            "320505", "320106", "320115", "320105", "330302", "330303", "330304", "320213", "320211", "320214",
            "330602", "330603", "330604", "340104", "340111", "340103", "330402", "330411", "410102", "420106",
            "430102", "510104", "360102", "370102", "350102", "110105", "440106", "500103");
    private static final String[] MOBILE_PREFIXES = {"130", "131", "132", "133", "134", "135", "136", "137", "138",
        "139", "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178",
        "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "198", "199"};
    /** Sequence numbers per region, day and sex: three digits, odd for men. */
    private static final int SEQUENCES = 500;

    private final long seed;
    private final int persons;
    private final LocalDate oldest;
    private final int birthDays;
    private final KeyedPermutation ids;
    private final KeyedPermutation mobiles;
    private final KeyedPermutation landlines;

    /** Numbers for {@code persons} persons aged 20 to 65 at {@code reference}. */
    IdentityNumbers(long seed, int persons, LocalDate reference) {
        this.seed = seed;
        this.persons = persons;
        this.oldest = reference.minusYears(66).plusDays(1);
        this.birthDays = (int) (reference.minusYears(20).toEpochDay() - oldest.toEpochDay());
        this.ids = new KeyedPermutation((long) REGIONS.size() * birthDays * SEQUENCES,
                Seeds.derive(seed, Seeds.Purpose.IDENTITY, 1));
        this.mobiles = new KeyedPermutation(100_000_000L, Seeds.derive(seed, Seeds.Purpose.IDENTITY, 2));
        this.landlines = new KeyedPermutation(10_000_000L, Seeds.derive(seed, Seeds.Purpose.IDENTITY, 3));
        if (2L * persons > mobiles.size() || persons > landlines.size() || persons > ids.size()) {
            throw new IllegalArgumentException("too many persons for unique phone numbers: " + persons);
        }
    }

    /** Birth date and resident ID number of a person. */
    record Card(LocalDate birthDate, String number) {
    }

    /** The person's birth date and ID number; the birth date is the one inside the number. */
    Card card(int person, Gender gender) {
        long code = ids.apply(person);
        String region = REGIONS.get((int) (code % REGIONS.size()));
        long rest = code / REGIONS.size();
        LocalDate birth = oldest.plusDays(rest % birthDays);
        int sequence = (int) (rest / birthDays) * 2 + (gender == Gender.MALE ? 1 : 0);
        return new Card(birth, ResidentId.compose(region, birth, sequence));
    }

    /** The person's own 11-digit mobile number. */
    String mobile(int person) {
        return mobileNumber(person);
    }

    /** A second mobile for a person who gives up their first number. */
    String laterMobile(int person) {
        return mobileNumber(persons + person);
    }

    private String mobileNumber(int slot) {
        String prefix = MOBILE_PREFIXES[(int) Math.floorMod(Seeds.mix(seed ^ slot), (long) MOBILE_PREFIXES.length)];
        return prefix + pad(mobiles.apply(slot), 8);
    }

    /** The person's home landline in a city, e.g. 0571-88123456. */
    String landline(int person, City city) {
        int lead = 2 + (int) Math.floorMod(Seeds.mix(seed + person), 7L);
        return city.areaCode() + "-" + lead + pad(landlines.apply(person), 7);
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(value);
        return "0".repeat(width - digits.length()) + digits;
    }
}
