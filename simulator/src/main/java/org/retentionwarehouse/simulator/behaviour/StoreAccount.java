package org.retentionwarehouse.simulator.behaviour;

import org.retentionwarehouse.simulator.model.Tier;

/** A person's standing at one store: money spent, visits, tier. */
final class StoreAccount {

    final int store;
    long spend;
    int visits;
    Tier tier = Tier.REGULAR;

    StoreAccount(int store) {
        this.store = store;
    }

    StoreAccount copy() {
        StoreAccount c = new StoreAccount(store);
        c.spend = spend;
        c.visits = visits;
        c.tier = tier;
        return c;
    }
}
