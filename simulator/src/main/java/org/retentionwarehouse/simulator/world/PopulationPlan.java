package org.retentionwarehouse.simulator.world;

import java.util.ArrayList;
import java.util.List;
import org.retentionwarehouse.simulator.model.Gender;

/**
 * Who is who among the persons {@code 0 .. persons()-1}: trap pairs and groups first, then company
 * customers, private customers and finally prospects. Persons are processed in a permuted order, so
 * this layout does not show in the files.
 */
public final class PopulationPlan {

    /** Persons sharing one common name per group. */
    public static final int NAME_GROUP_SIZE = 4;

    private final int customers;
    private final int prospects;
    private final int familyEnd;
    private final int reassignEnd;
    private final int fleetEnd;
    private final int nameEnd;
    private final int commercialEnd;

    /**
     * Where each person belongs.
     *
     * @param kind    private, commercial or prospect
     * @param role    part in a trap
     * @param partner the other person of a trap pair, or -1
     * @param group   common-name group number, or -1
     */
    public record Assignment(PersonKind kind, TrapRole role, int partner, int group) {
    }

    /** A trap instance: its kind and members. */
    public record TrapGroup(TrapKind kind, List<Integer> members) {
    }

    /** Plan for {@code customers} customers (prospects come on top: a fifth as many). */
    public PopulationPlan(int customers) {
        this.customers = customers;
        this.prospects = customers / 5;
        // Several instances of every trap even in small data sets, about one in a hundred persons at scale.
        int families = Math.max(3, customers / 250);
        int reassignments = Math.max(3, customers / 600);
        int fleets = Math.max(3, customers / 1500);
        int nameGroups = Math.max(3, customers / 1000);
        int commercial = Math.max(1, customers * 3 / 100);
        familyEnd = 2 * families;
        reassignEnd = familyEnd + 2 * reassignments;
        fleetEnd = reassignEnd + 2 * fleets;
        nameEnd = fleetEnd + NAME_GROUP_SIZE * nameGroups;
        commercialEnd = nameEnd + commercial;
        if (commercialEnd > customers) {
            throw new IllegalArgumentException("too few customers (" + customers + ") for the trap layout ("
                    + commercialEnd + ")");
        }
    }

    /** All persons: customers and prospects. */
    public int persons() {
        return customers + prospects;
    }

    /** Number of customers (private and commercial). */
    public int customers() {
        return customers;
    }

    /** The assignment of a person. */
    public Assignment assignment(int index) {
        if (index < familyEnd) {
            return pair(index, 0, PersonKind.PRIVATE, TrapRole.FAMILY_HEAD, PersonKind.PRIVATE, TrapRole.FAMILY_MEMBER);
        }
        if (index < reassignEnd) {
            return pair(index, familyEnd, PersonKind.PRIVATE, TrapRole.PHONE_FIRST_OWNER, PersonKind.PRIVATE,
                    TrapRole.PHONE_SECOND_OWNER);
        }
        if (index < fleetEnd) {
            return pair(index, reassignEnd, PersonKind.COMMERCIAL, TrapRole.FLEET_COMPANY, PersonKind.PRIVATE,
                    TrapRole.FLEET_CONTACT);
        }
        if (index < nameEnd) {
            return new Assignment(PersonKind.PRIVATE, TrapRole.COMMON_NAME, -1, (index - fleetEnd) / NAME_GROUP_SIZE);
        }
        if (index < commercialEnd) {
            return new Assignment(PersonKind.COMMERCIAL, TrapRole.NONE, -1, -1);
        }
        if (index < customers) {
            return new Assignment(PersonKind.PRIVATE, TrapRole.NONE, -1, -1);
        }
        if (index < persons()) {
            return new Assignment(PersonKind.PROSPECT, TrapRole.NONE, -1, -1);
        }
        throw new IllegalArgumentException("no person " + index);
    }

    private static Assignment pair(int index, int start, PersonKind firstKind, TrapRole first, PersonKind secondKind,
            TrapRole second) {
        boolean isFirst = (index - start) % 2 == 0;
        return isFirst ? new Assignment(firstKind, first, index + 1, -1)
                : new Assignment(secondKind, second, index - 1, -1);
    }

    /** The shared name of a common-name group. */
    public static String commonName(int group) {
        List<String> names = commonNameGender(group) == Gender.MALE ? NamePool.COMMON_MALE : NamePool.COMMON_FEMALE;
        return names.get((group / 2) % names.size());
    }

    /** The gender that goes with a group's name. */
    public static Gender commonNameGender(int group) {
        return group % 2 == 0 ? Gender.MALE : Gender.FEMALE;
    }

    /** Every trap instance. */
    public List<TrapGroup> trapGroups() {
        List<TrapGroup> groups = new ArrayList<>();
        for (int i = 0; i < familyEnd; i += 2) {
            groups.add(new TrapGroup(TrapKind.FAMILY_PHONE, List.of(i, i + 1)));
        }
        for (int i = familyEnd; i < reassignEnd; i += 2) {
            groups.add(new TrapGroup(TrapKind.REASSIGNED_PHONE, List.of(i, i + 1)));
        }
        for (int i = reassignEnd; i < fleetEnd; i += 2) {
            groups.add(new TrapGroup(TrapKind.FLEET_CONTACT, List.of(i, i + 1)));
        }
        for (int i = fleetEnd; i < nameEnd; i += NAME_GROUP_SIZE) {
            List<Integer> members = new ArrayList<>();
            for (int m = 0; m < NAME_GROUP_SIZE; m++) {
                members.add(i + m);
            }
            groups.add(new TrapGroup(TrapKind.COMMON_NAME, List.copyOf(members)));
        }
        return groups;
    }
}
