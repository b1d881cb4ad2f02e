package org.retentionwarehouse.ingest.linkage;

import java.util.List;

/**
 * What the Fellegi-Sunter model needs to know of a comparison: its name, its agreement levels
 * (strongest first) and whether it tells people apart inside a household. Record comparisons
 * ({@link Comparison}) and the warehouse's customer comparisons both provide it, so one EM fits both.
 */
public interface ComparisonLevels {

    String name();

    /** Level labels, strongest agreement first. */
    List<String> levels();

    /**
     * True when the comparison tells people apart even inside a household (given name, birth date,
     * ID number); false for what a household or colleagues share (surname, phone, location). Only
     * shapes the EM starting point of the related class.
     */
    boolean identity();
}
