package org.retentionwarehouse.simulator.truth;

import java.util.List;

/** The ground-truth files under {@code truth/} (UTF-8 CSV with a header), which the pipeline never reads. */
public enum TruthFile {
    /** One row per simulated person. */
    PERSONS("persons.csv", List.of("person_id", "kind", "name", "phone", "id_number", "home_store", "loyalty",
            "mileage_rate_km_per_day", "complaint_sensitivity", "opt_out", "blacklist")),
    /** Whose every delivered customer record and lead is. */
    SOURCE_RECORDS("source_records.csv", List.of("store_id", "entity", "source_id", "person_id")),
    /**
     * Churn truth per cutoff and customer known at the cutoff: the true probability (from the full
     * state, knowing whether the person has already left), the probability given the history (from
     * the end of the month of the last visit or purchase and the silence since), the same given the
     * records (with the latent loyalty drawn from what the records say of it), and what happened.
     */
    CHURN("churn.csv", List.of("cutoff", "person_id", "active", "true_churn_probability",
            "churn_probability_given_history", "churn_probability_given_records", "realised_churn")),
    /** Every injected malformed row and why it is malformed. */
    MALFORMED("malformed.csv", List.of("store_id", "business_date", "file", "line", "entity", "kind")),
    /** Deliveries that arrived after their business date. */
    LATE_FILES("late_files.csv", List.of("store_id", "business_date", "delivered_date")),
    /** The identity traps planted in the data. */
    TRAPS("traps.csv", List.of("trap", "person_ids", "detail"));

    private final String fileName;
    private final List<String> header;

    TruthFile(String fileName, List<String> header) {
        this.fileName = fileName;
        this.header = header;
    }

    /** File name under {@code truth/}. */
    public String fileName() {
        return fileName;
    }

    /** Column names. */
    public List<String> header() {
        return header;
    }
}
