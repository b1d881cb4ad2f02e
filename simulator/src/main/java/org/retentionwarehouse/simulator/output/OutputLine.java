package org.retentionwarehouse.simulator.output;

import org.retentionwarehouse.simulator.model.CanonicalRecord;

/**
 * One encoded line for a file, with the store and file row it renders ({@code -1} and {@code null} for
 * truth lines) so the writer can inject a corrupted copy of it.
 */
record OutputLine(int file, byte[] bytes, int store, CanonicalRecord row) {
}
