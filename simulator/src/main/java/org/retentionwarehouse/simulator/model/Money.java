package org.retentionwarehouse.simulator.model;

/** An amount in yuan, held in fen (cents) so sums of lines are exact. */
public record Money(long cents) {

    /** The amount rounded to the fen. */
    public static Money ofYuan(double yuan) {
        return new Money(Math.round(yuan * 100.0));
    }

    /** Sum of two amounts. */
    public Money plus(Money other) {
        return new Money(cents + other.cents);
    }
}
