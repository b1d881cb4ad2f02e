package org.retentionwarehouse.pipeline.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Date locks as PostgreSQL session advisory locks in the job repository's database, so launchers on
 * different machines exclude each other. The server releases a session's locks when its connection
 * ends, a killed launcher's included; the holder keeps one connection open for the whole run.
 */
final class PostgresDateLocks implements DateLocks {

    /** First key of every date lock, so that they never collide with other advisory locks ("RW"). */
    static final int KEY_SPACE = 0x5257;
    /** Second key of the warehouse's write lock: no date's (days since 1970 are never negative here). */
    static final int WAREHOUSE = Integer.MIN_VALUE;

    private final DataSource dataSource;

    PostgresDateLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String describe(LocalDate date) {
        return "PostgreSQL advisory lock (" + KEY_SPACE + ", " + date.toEpochDay() + ")";
    }

    @Override
    public String describeWarehouse() {
        return "PostgreSQL advisory lock (" + KEY_SPACE + ", " + WAREHOUSE + ")";
    }

    @Override
    public Optional<Held> tryAcquire(LocalDate date) {
        return tryLock(Math.toIntExact(date.toEpochDay()), describe(date));
    }

    @Override
    public Optional<Held> tryAcquireWarehouse() {
        return tryLock(WAREHOUSE, describeWarehouse());
    }

    private Optional<Held> tryLock(int key, String describe) {
        try {
            Connection connection = dataSource.getConnection();
            boolean locked;
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                lock.setInt(1, KEY_SPACE);
                lock.setInt(2, key);
                try (ResultSet result = lock.executeQuery()) {
                    locked = result.next() && result.getBoolean(1);
                }
            }
            if (!locked) {
                connection.close();
                return Optional.empty();
            }
            return Optional.of(() -> {
                try {
                    connection.close();
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot release " + describe, e);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take " + describe + ": " + e.getMessage(), e);
        }
    }
}
