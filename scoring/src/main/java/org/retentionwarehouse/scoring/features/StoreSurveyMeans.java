package org.retentionwarehouse.scoring.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each store's mean survey score over its surveys before a given day: what one customer's score is
 * read against. A survey's mean is fixed once it is given, whatever the snapshot, so a customer's
 * figure moves only with their own new surveys, not night by night with everyone else's (which
 * would shift the whole column at once and read as drift).
 */
final class StoreSurveyMeans implements Serializable {

    /** The surveys with a score a store received on one day: their number and the sum of their scores. */
    record StoreDay(String store, int day, long scores, long surveys) { }

    /** Per store, its survey days ascending and the mean over every survey up to and including each. */
    private final Map<String, int[]> days;
    private final Map<String, double[]> means;

    private StoreSurveyMeans(Map<String, int[]> days, Map<String, double[]> means) {
        this.days = days;
        this.means = means;
    }

    /** From every store's survey days, in any order. */
    static StoreSurveyMeans of(List<StoreDay> storeDays) {
        Map<String, List<StoreDay>> byStore = new HashMap<>();
        storeDays.forEach(d -> byStore.computeIfAbsent(d.store(), s -> new ArrayList<>()).add(d));
        Map<String, int[]> days = new HashMap<>();
        Map<String, double[]> means = new HashMap<>();
        byStore.forEach((store, list) -> {
            list.sort(Comparator.comparingInt(StoreDay::day));
            int[] d = new int[list.size()];
            double[] m = new double[list.size()];
            long scores = 0;
            long surveys = 0;
            for (int i = 0; i < d.length; i++) {
                scores += list.get(i).scores();
                surveys += list.get(i).surveys();
                d[i] = list.get(i).day();
                m[i] = (double) scores / surveys;
            }
            days.put(store, d);
            means.put(store, m);
        });
        return new StoreSurveyMeans(days, means);
    }

    /** The store's mean score over its surveys before {@code day}; null when it had none. */
    Double before(String store, int day) {
        int[] d = days.get(store);
        if (d == null) {
            return null;
        }
        int i = Arrays.binarySearch(d, day);
        int last = (i >= 0 ? i : -i - 1) - 1;
        return last >= 0 ? means.get(store)[last] : null;
    }
}
