package org.retentionwarehouse.simulator.truth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.retentionwarehouse.simulator.world.Person;
import org.retentionwarehouse.simulator.world.PersonFactory;
import org.retentionwarehouse.simulator.world.PopulationPlan;

/** The rows of {@code traps.csv}: each planted trap with its persons and what makes it a trap. */
public final class TrapReport {

    private TrapReport() {
    }

    /** One row (trap, person_ids, detail) per trap instance. */
    public static List<String[]> rows(PersonFactory persons) {
        List<String[]> rows = new ArrayList<>();
        for (PopulationPlan.TrapGroup group : persons.plan().trapGroups()) {
            List<Person> members = group.members().stream().map(persons::create).toList();
            StringJoiner ids = new StringJoiner(";");
            members.forEach(m -> ids.add(m.id()));
            Person first = members.get(0);
            Person second = members.get(1);
            String detail = switch (group.kind()) {
                case FAMILY_PHONE -> "phone " + first.mobile() + " shared by " + first.name() + " and " + second.name();
                case FLEET_CONTACT -> "company " + first.name() + " gives its contact " + second.name()
                        + "'s private phone " + second.mobile();
                case COMMON_NAME -> "name " + first.name() + " carried by " + members.size() + " different persons";
                case REASSIGNED_PHONE -> "phone " + first.mobile() + " used by " + first.name() + " until "
                        + LocalDate.ofEpochDay(first.phoneChangeDay()) + ", registered by " + second.name() + " from "
                        + LocalDate.ofEpochDay(second.entryDay());
            };
            rows.add(new String[] {group.kind().code(), ids.toString(), detail});
        }
        return rows;
    }
}
