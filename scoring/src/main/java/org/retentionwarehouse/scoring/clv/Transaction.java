package org.retentionwarehouse.scoring.clv;

import java.time.LocalDate;
import java.util.Objects;

/** One row of a transaction log: who bought, on which day, for how much. */
public record Transaction(String customerId, LocalDate date, double amount) {

    public Transaction {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(date, "date");
    }
}
