package org.retentionwarehouse.scoring.clv;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every customer's purchases, collected from a transaction stream ({@code reader.read(file,
 * histories)}) and kept as one day number and one amount per purchase day, so that RFM summaries
 * can be drawn for any calibration end once the whole log has been seen. Transactions of one
 * customer on one day are added up into a single purchase, as FHL 2005 count CDNOW's. The log
 * may be in any order; customers keep the order of their first appearance.
 */
public final class PurchaseHistories implements Consumer<Transaction> {

    private final Map<String, CustomerDays> byCustomer = new LinkedHashMap<>();
    private LocalDate lastDate;

    @Override
    public void accept(Transaction transaction) {
        byCustomer.computeIfAbsent(transaction.customerId(), CustomerDays::new)
                .add(Math.toIntExact(transaction.date().toEpochDay()), transaction.amount());
        if (lastDate == null || transaction.date().isAfter(lastDate)) {
            lastDate = transaction.date();
        }
    }

    /** Number of distinct customers seen. */
    public int customers() {
        return byCustomer.size();
    }

    /** The latest transaction date seen, empty before any transaction. */
    public Optional<LocalDate> lastDate() {
        return Optional.ofNullable(lastDate);
    }

    /** Each customer's purchase days in date order. */
    Collection<CustomerDays> histories() {
        return Collections.unmodifiableCollection(byCustomer.values());
    }

    /** One customer's purchase days (epoch days, ascending once {@link #ordered()}) and day totals. */
    static final class CustomerDays {

        private final String customerId;
        private int[] days = new int[2];
        private double[] amounts = new double[2];
        private int size;
        private boolean ordered = true;

        private CustomerDays(String customerId) {
            this.customerId = customerId;
        }

        String customerId() {
            return customerId;
        }

        private void add(int day, double amount) {
            // Logs are usually sorted by customer and date: same-day rows then merge right here.
            if (size > 0 && days[size - 1] == day) {
                amounts[size - 1] += amount;
                return;
            }
            if (size > 0 && day < days[size - 1]) {
                ordered = false;
            }
            if (size == days.length) {
                days = Arrays.copyOf(days, size * 2);
                amounts = Arrays.copyOf(amounts, size * 2);
            }
            days[size] = day;
            amounts[size] = amount;
            size++;
        }

        /** Sorts an out-of-order history by day and merges its same-day purchases. */
        CustomerDays ordered() {
            if (ordered) {
                return this;
            }
            // Day in the high half, original position in the low half: one primitive sort, stable.
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                keys[i] = (long) days[i] << 32 | i;
            }
            Arrays.sort(keys);
            int[] oldDays = days;
            double[] oldAmounts = amounts;
            days = new int[size];
            amounts = new double[size];
            size = 0;
            ordered = true;
            for (long key : keys) {
                int from = (int) key;
                add(oldDays[from], oldAmounts[from]);
            }
            return this;
        }

        int size() {
            return size;
        }

        int day(int i) {
            return days[i];
        }

        double amount(int i) {
            return amounts[i];
        }
    }
}
