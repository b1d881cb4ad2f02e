package org.retentionwarehouse.warehouse.config;

import java.io.Serializable;

/** One 4S store of the group, as declared in {@code stores.yaml}. */
public record Store(String id, String name, String city, String brand, Integer callingCapacity, String dialect)
        implements Serializable { }
