package org.retentionwarehouse.pipeline.batch;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Exclusive rights to run jobs for one business date, and to write the warehouse, released however
 * their holder ends (kill -9 included). Holding a date's lock proves that no other launcher runs that
 * date, so whatever the job repository still shows as running for it was left by a dead process.
 * Holding the warehouse lock keeps two nights of different dates from writing the same tables at
 * once: each builds on the nights before it, and new keys are appended without a conflict check.
 */
interface DateLocks {

    /** Takes the date's lock without waiting; empty when another launcher holds it. */
    Optional<Held> tryAcquire(LocalDate date);

    /** Names the lock of {@code date} for messages. */
    String describe(LocalDate date);

    /** Takes the warehouse's write lock without waiting; empty when another launcher holds it. */
    Optional<Held> tryAcquireWarehouse();

    /** Names the warehouse's write lock for messages. */
    String describeWarehouse();

    /** A held lock. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
