package org.retentionwarehouse.ingest.linkage;

/**
 * A compared pair: the two record ids (for dedupe, {@code leftId} comes first in the input), the
 * posterior match probability and the match weight (log2 of the posterior odds, prior included).
 */
public record ScoredPair(String leftId, String rightId, double matchProbability, double matchWeight) {
}
