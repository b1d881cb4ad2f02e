package org.retentionwarehouse.simulator.world;

import org.retentionwarehouse.simulator.model.CanonicalCode;

/** Situations that make naive identity matching wrong; every data set contains several of each. */
public enum TrapKind implements CanonicalCode {
    /** Two family members, different names and ID numbers, one phone. */
    FAMILY_PHONE,
    /** A fleet company whose contact phone is its contact person's private phone. */
    FLEET_CONTACT,
    /** Several unrelated people with the same very common name. */
    COMMON_NAME,
    /** A phone number used by one person until a date and registered by another person later. */
    REASSIGNED_PHONE
}
