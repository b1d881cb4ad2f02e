package org.retentionwarehouse.simulator.extract;

import org.retentionwarehouse.simulator.identity.Vin;
import org.retentionwarehouse.simulator.model.SourceSystem;
import org.retentionwarehouse.simulator.random.KeyedPermutation;
import org.retentionwarehouse.simulator.random.Seeds;
import org.retentionwarehouse.simulator.world.City;
import org.retentionwarehouse.simulator.world.Stores;
import org.retentionwarehouse.simulator.world.VehicleModel;
import org.retentionwarehouse.simulator.world.Brand;

/**
 * Source-system ids, VINs and plates. Each id is a keyed permutation of (person, sequence) with a key
 * per store and id kind: unique without any registry, reproducible on any thread, and unrelated
 * between the stores and systems of one person. Persons at or above the population size are virtual:
 * they give the corrupted copies fresh ids that collide with no real record.
 */
public final class SourceIds {

    /** Person numbers must stay below 2^22. */
    public static final int PERSON_BITS = 22;
    private static final int SEQUENCE_BITS = 12;
    private static final int VEHICLE_BITS = 7;
    private static final String PLATE_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private final long seed;
    private final Stores stores;
    private final VendorStyle[] styles;
    /** Per store: one permutation per department system, then one per document kind. */
    private final KeyedPermutation[][] permutations;
    private final KeyedPermutation vins;

    /** Ids for the stores of a run. */
    public SourceIds(long seed, Stores stores) {
        this.seed = seed;
        this.stores = stores;
        this.styles = new VendorStyle[stores.size()];
        this.permutations = new KeyedPermutation[stores.size()][];
        int systems = SourceSystem.values().length;
        for (int s = 0; s < stores.size(); s++) {
            styles[s] = VendorStyle.forDialect(stores.get(s).dialect(), s);
            permutations[s] = new KeyedPermutation[systems + VendorStyle.Document.values().length];
            for (int k = 0; k < permutations[s].length; k++) {
                long size = k < systems ? 1L << PERSON_BITS : 1L << (PERSON_BITS + SEQUENCE_BITS);
                permutations[s][k] = new KeyedPermutation(size, Seeds.derive(seed, Seeds.Purpose.SOURCE_IDS, s, k));
            }
        }
        this.vins = new KeyedPermutation(1L << (PERSON_BITS + VEHICLE_BITS),
                Seeds.derive(seed, Seeds.Purpose.SOURCE_IDS, -1));
    }

    /** A person's customer number in one department system of a store. */
    public String customer(int store, SourceSystem system, int person) {
        return styles[store].customerId(system, permutations[store][system.ordinal()].apply(person));
    }

    /** Number of a person's {@code sequence}-th document of a kind at a store. */
    public String document(int store, VendorStyle.Document document, int person, int sequence) {
        if (sequence < 0 || sequence >= 1 << SEQUENCE_BITS) {
            throw new IllegalStateException("person " + person + " has more than " + (1 << SEQUENCE_BITS) + " "
                    + document + " documents");
        }
        long composite = ((long) person << SEQUENCE_BITS) | sequence;
        int kind = SourceSystem.values().length + document.ordinal();
        return styles[store].documentId(document, permutations[store][kind].apply(composite));
    }

    /**
     * The VIN of a person's vehicle: the make's WMI, model code, then a unique number spread over
     * positions 7-8 and the serial, with model-year code, plant code and check digit.
     */
    public String vin(int person, int vehicle, Brand brand, VehicleModel model, int modelYear) {
        if (vehicle >= 1 << VEHICLE_BITS) {
            throw new IllegalStateException("person " + person + " has more than " + (1 << VEHICLE_BITS) + " vehicles");
        }
        long n = vins.apply(((long) person << VEHICLE_BITS) | vehicle);
        char engine = Vin.ALPHABET.charAt(10 + (int) Math.floorMod(Seeds.mix(n ^ seed), 20L));
        char plant = brand.plants().charAt((int) Math.floorMod(Seeds.mix(n), (long) brand.plants().length()));
        return Vin.assemble(brand.wmi() + model.vinCode() + engine + high(n),
                Vin.modelYearCode(modelYear) + String.valueOf(plant) + serial(n));
    }

    /** A fresh VIN like {@code template} (same make, model and year) for a virtual person. */
    public String freshVin(String template, int virtualPerson) {
        long n = vins.apply((long) virtualPerson << VEHICLE_BITS);
        return Vin.assemble(template.substring(0, 6) + high(n), template.substring(9, 11) + serial(n));
    }

    /** The plate a vehicle got where it was registered, as a store's system writes it. */
    public String plate(int person, int vehicle, City city, int store) {
        long h = Seeds.mix(seed ^ Seeds.mix(((long) person << VEHICLE_BITS) | vehicle));
        StringBuilder tail = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            int pick = (int) ((h >>> (i * 12)) & 0xFFF);
            // Mostly digits, now and then a letter, as on real plates.
            tail.append(pick % 4 == 0 ? PLATE_CHARS.charAt(10 + pick / 4 % 24) : (char) ('0' + pick % 10));
        }
        return styles[store].plate(city.province(), city.plateLetter(), tail.toString());
    }

    /** The stores the ids are for. */
    public Stores stores() {
        return stores;
    }

    private static String high(long n) {
        int high = (int) (n / 1_000_000);
        return "" + Vin.ALPHABET.charAt(high / Vin.ALPHABET.length()) + Vin.ALPHABET.charAt(high % Vin.ALPHABET.length());
    }

    private static String serial(long n) {
        String digits = Long.toString(n % 1_000_000);
        return "0".repeat(6 - digits.length()) + digits;
    }
}
