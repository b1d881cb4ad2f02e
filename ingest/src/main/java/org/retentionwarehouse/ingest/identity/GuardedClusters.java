package org.retentionwarehouse.ingest.identity;

import java.time.LocalDate;
import java.util.List;

/**
 * Transitive clustering of customer records that refuses any union putting two records with
 * conflicting identities into one customer: a private person and a company, two genders, two birth
 * dates or two ID numbers. So a family's shared phone, a fleet contact's phone or a common name can
 * never chain two people together, however strong the single link looked.
 */
final class GuardedClusters {

    private final int[] parent;
    private final String[] type;
    private final String[] gender;
    private final LocalDate[] birthDate;
    private final String[] idHash;

    GuardedClusters(List<CustomerRecord> records) {
        int n = records.size();
        parent = new int[n];
        type = new String[n];
        gender = new String[n];
        birthDate = new LocalDate[n];
        idHash = new String[n];
        for (int i = 0; i < n; i++) {
            CustomerRecord r = records.get(i);
            parent[i] = i;
            type[i] = r.customerType();
            gender[i] = r.gender();
            birthDate[i] = r.birthDate();
            idHash[i] = r.idHash();
        }
    }

    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /**
     * Joins the clusters of {@code a} and {@code b} unless they conflict.
     *
     * @param sameIdNumber the link is the same ID number, which outweighs a mistyped birth date or gender
     * @return whether the two records are now in one cluster
     */
    boolean union(int a, int b, boolean sameIdNumber) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return true;
        }
        if (conflict(type[ra], type[rb])
                || !sameIdNumber && (conflict(gender[ra], gender[rb]) || conflict(birthDate[ra], birthDate[rb])
                        || conflict(idHash[ra], idHash[rb]))) {
            return false;
        }
        parent[rb] = ra;
        type[ra] = first(type[ra], type[rb]);
        gender[ra] = first(gender[ra], gender[rb]);
        birthDate[ra] = first(birthDate[ra], birthDate[rb]);
        idHash[ra] = first(idHash[ra], idHash[rb]);
        return true;
    }

    private static <T> T first(T x, T y) {
        return x != null ? x : y;
    }

    private static boolean conflict(Object x, Object y) {
        return x != null && y != null && !x.equals(y);
    }
}
