package org.retentionwarehouse.simulator.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.retentionwarehouse.simulator.random.Draws;
import org.retentionwarehouse.simulator.random.Seeds;

/** The group's stores and the lookups the behaviour model needs about them. */
public final class Stores {

    private final List<Store> stores;
    private final double[] weights;
    private final List<List<Integer>> sameBrand;

    private Stores(List<Store> stores) {
        this.stores = List.copyOf(stores);
        this.weights = stores.stream().mapToDouble(Store::weight).toArray();
        this.sameBrand = new ArrayList<>();
        for (Store s : stores) {
            List<Integer> peers = new ArrayList<>();
            for (Store other : stores) {
                if (other.index() != s.index() && other.brand().equals(s.brand())) {
                    peers.add(other.index());
                }
            }
            sameBrand.add(List.copyOf(peers));
        }
    }

    /**
     * Creates {@code count} stores: cities and makes spread so that stores pair up on a make, dialects
     * assigned round-robin so any three consecutive stores use three different dialects.
     */
    public static Stores create(long seed, int count, List<String> dialects) {
        int width = Math.max(2, String.valueOf(count).length());
        Map<String, Integer> nameUses = new HashMap<>();
        List<Store> stores = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SplittableRandom rng = Seeds.stream(seed, Seeds.Purpose.STORE, i);
            City city = Catalog.CITIES.get(i % Catalog.CITIES.size());
            String district = city.districts().get((i / Catalog.CITIES.size()) % city.districts().size());
            Brand brand = Catalog.BRANDS.get((i / 2) % Catalog.BRANDS.size());
            String name = city.name() + district + brand.storeLabel() + "4S店";
            int uses = nameUses.merge(name, 1, Integer::sum);
            if (uses > 1) {
                name = name + "(" + uses + ")";
            }
            double weight = Draws.uniform(rng, 0.6, 1.6);
            stores.add(new Store(i, "S" + "0".repeat(width - String.valueOf(i + 1).length()) + (i + 1), name, city,
                    brand, 20 + 10 * (int) Math.round(weight * 4), dialects.get(i % dialects.size()), weight,
                    Draws.uniform(rng, 0.62, 0.85), Draws.uniform(rng, 0.45, 0.9), Draws.uniform(rng, 2.0, 10.0)));
        }
        return new Stores(stores);
    }

    /** All stores in id order. */
    public List<Store> all() {
        return stores;
    }

    /** The store at an index. */
    public Store get(int index) {
        return stores.get(index);
    }

    /** Number of stores. */
    public int size() {
        return stores.size();
    }

    /** A store drawn in proportion to its weight. */
    public int drawHome(SplittableRandom rng) {
        return Draws.weighted(rng, weights);
    }

    /** Other stores selling the same make. */
    public List<Integer> sameBrandAs(int store) {
        return sameBrand.get(store);
    }
}
