package org.retentionwarehouse.simulator.model;

/**
 * One canonical record of an extract entity. Implementations are records whose components are the
 * entity's canonical columns in order; {@link #values()} returns them in that same order.
 */
public interface ExtractRow {

    /** The entity this row belongs to. */
    Entity entity();

    /** Column values in canonical column order ({@code null} = empty). */
    Object[] values();
}
