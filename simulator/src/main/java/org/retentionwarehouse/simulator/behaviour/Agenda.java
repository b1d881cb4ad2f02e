package org.retentionwarehouse.simulator.behaviour;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * A person's scheduled events in time order (ties in the order they were scheduled). Agendas hold a
 * handful of events and are copied for every Monte Carlo replicate, so a sorted array, earliest event
 * last, beats a heap on both counts.
 */
final class Agenda {

    private long[] minutes;
    private LifeEvent[] events;
    private int size;

    Agenda() {
        minutes = new long[8];
        events = new LifeEvent[8];
    }

    private Agenda(Agenda from) {
        minutes = Arrays.copyOf(from.minutes, Math.max(8, from.size));
        events = Arrays.copyOf(from.events, Math.max(8, from.size));
        size = from.size;
    }

    Agenda copy() {
        return new Agenda(this);
    }

    /** Schedules an event; it comes after events already scheduled for the same minute. */
    void add(long minute, LifeEvent event) {
        if (size == minutes.length) {
            minutes = Arrays.copyOf(minutes, size * 2);
            events = Arrays.copyOf(events, size * 2);
        }
        // Descending order: later events first, and among equal minutes the newest first.
        int at = size;
        while (at > 0 && minutes[at - 1] <= minute) {
            at--;
        }
        System.arraycopy(minutes, at, minutes, at + 1, size - at);
        System.arraycopy(events, at, events, at + 1, size - at);
        minutes[at] = minute;
        events[at] = event;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Minute of the next event; the agenda must not be empty. */
    long nextMinute() {
        return minutes[size - 1];
    }

    /** Removes the events {@code unwanted} accepts; the others keep their order. */
    void removeIf(Predicate<LifeEvent> unwanted) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!unwanted.test(events[i])) {
                minutes[kept] = minutes[i];
                events[kept] = events[i];
                kept++;
            }
        }
        Arrays.fill(events, kept, size, null);
        size = kept;
    }

    /** Removes and returns the next event. */
    LifeEvent poll() {
        LifeEvent next = events[--size];
        events[size] = null;
        return next;
    }
}
