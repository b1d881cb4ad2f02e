package org.retentionwarehouse.ingest.linkage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * What the CLI calls. Both commands write into directory {@code out}: {@code pairs.csv} (pairs at or
 * above the mapping's threshold) and {@code model.txt} (the fitted m/u table); dedupe also writes
 * {@code clusters.csv}.
 */
public final class LinkageCommands {

    /** What a run did. */
    public record Summary(int records, long candidatePairs, int matches, int clusters, double seconds,
                          List<String> model, List<String> warnings) {
    }

    private LinkageCommands() {
    }

    /**
     * Links two files; {@code clusters} counts distinct left records matched. The right file is read
     * by {@code rightMapping} when its columns differ (null: by {@code mapping}); it must give the same
     * roles, and the blocking and threshold are {@code mapping}'s.
     */
    public static Summary link(Path left, Path right, Path mapping, Path rightMapping, Path pairsFile) {
        long t0 = System.nanoTime();
        LinkageMapping m = LinkageMapping.load(mapping);
        LinkageMapping rm = rightMapping == null ? m : LinkageMapping.load(rightMapping);
        if (!rm.roles().equals(m.roles())) {
            throw new MappingException(rightMapping + ": maps the roles " + rm.roles() + ", but " + mapping + " maps "
                    + m.roles() + "; both files must give the same roles to be compared");
        }
        List<Record> l = CsvRecords.read(left, m);
        List<Record> r = CsvRecords.read(right, rm);
        Linker linker = new Linker(m);
        List<ScoredPair> pairs = linker.link(l, r);
        parentFolder(pairsFile);
        int matches = LinkageWriters.writePairs(pairsFile, pairs, m.threshold());
        HashSet<String> matchedLeft = new HashSet<>();
        pairs.stream().filter(p -> p.matchProbability() >= m.threshold()).forEach(p -> matchedLeft.add(p.leftId()));
        return new Summary(l.size() + r.size(), linker.candidatePairs(), matches, matchedLeft.size(),
                (System.nanoTime() - t0) / 1e9, linker.model().table(), linker.warnings());
    }

    /**
     * Finds duplicates within one file and clusters them into {@code clustersFile}; the scored
     * pairs behind the clusters go beside it as {@code <name>.pairs.csv}.
     */
    public static Summary dedupe(Path input, Path mapping, Path clustersFile) {
        long t0 = System.nanoTime();
        LinkageMapping m = LinkageMapping.load(mapping);
        List<Record> records = CsvRecords.read(input, m);
        Linker linker = new Linker(m);
        List<ScoredPair> pairs = linker.dedupe(records);
        parentFolder(clustersFile);
        int matches = LinkageWriters.writePairs(pairsBeside(clustersFile), pairs, m.threshold());
        Map<String, String> clusters = Clusters.of(records, pairs, m.threshold());
        LinkageWriters.writeClusters(clustersFile, clusters);
        return new Summary(records.size(), linker.candidatePairs(), matches, new HashSet<>(clusters.values()).size(),
                (System.nanoTime() - t0) / 1e9, linker.model().table(), linker.warnings());
    }

    /** Where {@link #dedupe} writes its scored pairs: {@code clusters.csv} gives {@code clusters.pairs.csv}. */
    public static Path pairsBeside(Path clustersFile) {
        String name = clustersFile.getFileName().toString();
        String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return clustersFile.resolveSibling(base + ".pairs.csv");
    }

    private static void parentFolder(Path file) {
        Path out = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot create: " + e.getMessage(), e);
        }
    }
}
