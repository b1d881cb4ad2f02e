package org.retentionwarehouse.simulator.world;

/** The part a person plays in a trap, if any. */
public enum TrapRole {
    NONE, FAMILY_HEAD, FAMILY_MEMBER, PHONE_FIRST_OWNER, PHONE_SECOND_OWNER, FLEET_COMPANY, FLEET_CONTACT, COMMON_NAME
}
