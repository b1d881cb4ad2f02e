package org.retentionwarehouse.ingest.linkage;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** String similarity measures used by the comparisons. */
final class Similarity {

    private Similarity() {
    }

    /** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters). */
    static double jaroWinkler(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        int la = a.length();
        int lb = b.length();
        if (la == 0 || lb == 0) {
            return 0.0;
        }
        int window = Math.max(0, Math.max(la, lb) / 2 - 1);
        boolean[] ma = new boolean[la];
        boolean[] mb = new boolean[lb];
        int matches = 0;
        for (int i = 0; i < la; i++) {
            int lo = Math.max(0, i - window);
            int hi = Math.min(lb - 1, i + window);
            for (int j = lo; j <= hi; j++) {
                if (!mb[j] && a.charAt(i) == b.charAt(j)) {
                    ma[i] = true;
                    mb[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int t = 0;
        int k = 0;
        for (int i = 0; i < la; i++) {
            if (ma[i]) {
                while (!mb[k]) {
                    k++;
                }
                if (a.charAt(i) != b.charAt(k)) {
                    t++;
                }
                k++;
            }
        }
        double m = matches;
        double jaro = (m / la + m / lb + (m - t / 2.0) / m) / 3.0;
        int prefix = 0;
        for (int i = 0; i < Math.min(4, Math.min(la, lb)) && a.charAt(i) == b.charAt(i); i++) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1.0 - jaro);
    }

    /** Levenshtein distance, giving up (returning {@code limit + 1}) once it must exceed {@code limit}. */
    static int levenshtein(String a, String b, int limit) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > limit) {
            return limit + 1;
        }
        int[] prev = new int[lb + 1];
        int[] cur = new int[lb + 1];
        for (int j = 0; j <= lb; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= la; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= lb; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[lb];
    }

    /** True for a name of 2 to 4 Han characters. */
    static boolean isHanName(String s) {
        int n = s.codePointCount(0, s.length());
        return n >= 2 && n <= 4 && s.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    /** Word tokens sorted, so "SMITH JOHN" and "JOHN SMITH" compare equal. */
    static String sortedTokens(String s) {
        if (s.indexOf(' ') < 0) {
            return s;
        }
        String[] t = s.split(" ");
        Arrays.sort(t);
        return String.join(" ", t);
    }

    /** Jaccard similarity of the space-separated token sets. */
    static double jaccard(String a, String b) {
        Set<String> sa = new HashSet<>(Arrays.asList(a.split(" ")));
        Set<String> sb = new HashSet<>(Arrays.asList(b.split(" ")));
        int inter = 0;
        for (String t : sa) {
            if (sb.contains(t)) {
                inter++;
            }
        }
        int union = sa.size() + sb.size() - inter;
        return union == 0 ? 0.0 : (double) inter / union;
    }
}
