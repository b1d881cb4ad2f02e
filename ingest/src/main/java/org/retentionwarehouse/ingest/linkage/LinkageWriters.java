package org.retentionwarehouse.ingest.linkage;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes linkage results as UTF-8 CSV. */
public final class LinkageWriters {

    private LinkageWriters() {
    }

    /** {@code left_id,right_id,match_probability,match_weight} for pairs at or above the threshold, most probable first. */
    public static int writePairs(Path file, List<ScoredPair> pairs, double threshold) {
        List<ScoredPair> kept = pairs.stream().filter(p -> p.matchProbability() >= threshold)
                .sorted((a, b) -> Double.compare(b.matchWeight(), a.matchWeight())).toList();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("left_id,right_id,match_probability,match_weight\n");
            for (ScoredPair p : kept) {
                w.write(csv(p.leftId()) + "," + csv(p.rightId()) + ","
                        + String.format(Locale.ROOT, "%.6f,%.3f", p.matchProbability(), p.matchWeight()) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
        return kept.size();
    }

    /** {@code id,cluster_id,cluster_size}, one line per record. */
    public static void writeClusters(Path file, Map<String, String> clusterOf) {
        Map<String, Integer> sizes = new HashMap<>();
        clusterOf.values().forEach(c -> sizes.merge(c, 1, Integer::sum));
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,cluster_id,cluster_size\n");
            for (Map.Entry<String, String> e : clusterOf.entrySet()) {
                w.write(csv(e.getKey()) + "," + csv(e.getValue()) + "," + sizes.get(e.getValue()) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    static String csv(String v) {
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
