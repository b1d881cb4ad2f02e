package org.retentionwarehouse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The record variations and identity traps that make naive matching fail, checked against the truth. */
class VariationsAndTrapsTest {

    private final Path home = DemoData.home();
    private final Extracts extracts = DemoData.extracts();
    private final Map<String, Map<String, String>> persons = new HashMap<>();
    /** store + entity + source id -> person id. */
    private final Map<String, String> owners = new HashMap<>();

    VariationsAndTrapsTest() {
        for (Map<String, String> p : TruthFiles.read(home, "persons.csv")) {
            persons.put(p.get("person_id"), p);
        }
        for (Map<String, String> r : TruthFiles.read(home, "source_records.csv")) {
            owners.put(r.get("store_id") + "|" + r.get("entity") + "|" + r.get("source_id"), r.get("person_id"));
        }
    }

    @Test
    void everyDeliveredCustomerRecordAndLeadBelongsToAKnownPerson() {
        for (Extracts.Row c : extracts.rows("customer")) {
            assertThat(persons).containsKey(owner(c));
        }
        for (Extracts.Row lead : extracts.rows("lead")) {
            assertThat(persons.get(owners.get(lead.store() + "|lead|" + lead.get("lead_id"))).get("kind"))
                    .isEqualTo("prospect");
        }
    }

    @Test
    void phonesAreSpelledInEveryWayClerksSpellThem() {
        List<String> phones = new ArrayList<>();
        extracts.rows("customer").forEach(r -> phones.add(r.get("phone")));
        extracts.rows("lead").forEach(r -> phones.add(r.get("phone")));

        assertThat(phones).anyMatch(p -> p.matches("1\\d{10}"));
        assertThat(phones).anyMatch(p -> p.matches("\\+86 1\\d\\d-\\d{4}-\\d{4}"));
        assertThat(phones).anyMatch(p -> p.matches("0086 1\\d\\d \\d{4} \\d{4}"));
        assertThat(phones).anyMatch(p -> p.matches("1\\d\\d-\\d{4}-\\d{4}"));
        assertThat(phones).anyMatch(p -> p.matches("１[０-９]{10}"));
        assertThat(phones).anyMatch(p -> p.matches("0\\d{2,3}-[2-8]\\d{7}"));
        long matching = extracts.rows("customer").stream().filter(r -> Extracts.canonicalPhone(r.get("phone")) != null)
                .filter(r -> Extracts.canonicalPhone(r.get("phone")).equals(persons.get(owner(r)).get("phone")))
                .count();
        long mobiles = extracts.rows("customer").stream()
                .filter(r -> Extracts.canonicalPhone(r.get("phone")) != null).count();
        assertThat(matching).isGreaterThan(mobiles * 98 / 100);
    }

    @Test
    void namesComeWithSpacesTyposAndFullWidthLetters() {
        List<Extracts.Row> customers = extracts.rows("customer");
        assertThat(customers).anyMatch(r -> r.get("name").matches("\\p{IsHan} \\p{IsHan}{1,2}"));
        assertThat(customers).anyMatch(r -> r.get("name").matches("\\p{IsHan}\u3000\\p{IsHan}{1,2}"));
        assertThat(customers).anyMatch(r -> {
            String truth = persons.get(owner(r)).get("name");
            String name = r.get("name");
            return name.length() == truth.length() && differingChars(name, truth) == 1;
        });
        assertThat(customers).anyMatch(r -> r.get("company_name").matches(".*[Ａ-Ｚ].*"));
        assertThat(customers).filteredOn(r -> r.get("customer_type").equals("commercial")).isNotEmpty()
                .allMatch(r -> !r.get("company_name").isEmpty());
    }

    @Test
    void aboutAFifthOfCustomersUseMoreThanOneStore() {
        Map<String, Set<String>> stores = new HashMap<>();
        for (Extracts.Row c : extracts.rows("customer")) {
            stores.computeIfAbsent(owner(c), p -> new HashSet<>()).add(c.store());
        }
        double multiStore = stores.values().stream().filter(s -> s.size() > 1).count() / (double) stores.size();
        assertThat(multiStore).isBetween(0.1, 0.4);
    }

    @Test
    void everyTrapKindIsPlantedSeveralTimes() {
        Map<String, Long> kinds = TruthFiles.read(home, "traps.csv").stream()
                .collect(Collectors.groupingBy(t -> t.get("trap"), Collectors.counting()));
        assertThat(kinds).containsOnlyKeys("family_phone", "fleet_contact", "common_name", "reassigned_phone");
        assertThat(kinds.values()).allMatch(n -> n >= 3);
    }

    @Test
    void familiesShareOnePhoneButNotNamesOrIdNumbers() {
        for (List<String> family : traps("family_phone")) {
            Map<String, String> a = persons.get(family.get(0));
            Map<String, String> b = persons.get(family.get(1));
            assertThat(a.get("phone")).isEqualTo(b.get("phone"));
            assertThat(a.get("name")).isNotEqualTo(b.get("name"));
            assertThat(a.get("id_number")).isNotEqualTo(b.get("id_number"));
            assertThat(recordsWithPhone(family.get(0), a.get("phone"))).isNotEmpty();
            assertThat(recordsWithPhone(family.get(1), a.get("phone"))).isNotEmpty();
        }
    }

    @Test
    void fleetsGiveTheirContactPersonsPrivatePhone() {
        for (List<String> fleet : traps("fleet_contact")) {
            Map<String, String> company = persons.get(fleet.get(0));
            Map<String, String> contact = persons.get(fleet.get(1));
            assertThat(company.get("kind")).isEqualTo("commercial");
            assertThat(contact.get("kind")).isEqualTo("private");
            assertThat(company.get("phone")).isEqualTo(contact.get("phone"));
            List<Extracts.Row> companyRecords = extracts.rows("customer").stream()
                    .filter(r -> owner(r).equals(fleet.get(0))).toList();
            assertThat(companyRecords).isNotEmpty().allMatch(r -> r.get("tier").equals("fleet"));
            Set<String> companyIds = companyRecords.stream().map(r -> r.store() + r.get("source_id"))
                    .collect(Collectors.toSet());
            long vehicles = extracts.rows("vehicle").stream()
                    .filter(v -> companyIds.contains(v.store() + v.get("owner_source_id")))
                    .map(v -> v.get("vin")).distinct().count();
            assertThat(vehicles).isGreaterThanOrEqualTo(5);
            assertThat(recordsWithPhone(fleet.get(1), contact.get("phone"))).isNotEmpty();
        }
    }

    @Test
    void commonNamesBelongToDifferentPeople() {
        for (List<String> group : traps("common_name")) {
            assertThat(group).hasSizeGreaterThanOrEqualTo(3);
            assertThat(group.stream().map(p -> persons.get(p).get("name")).distinct()).hasSize(1);
            assertThat(group.stream().map(p -> persons.get(p).get("phone")).distinct()).hasSize(group.size());
            assertThat(group.stream().map(p -> persons.get(p).get("id_number")).distinct()).hasSize(group.size());
        }
    }

    @Test
    void aReassignedNumberIsUsedByItsFirstOwnerBeforeTheSecondRegistersIt() {
        for (List<String> pair : traps("reassigned_phone")) {
            String number = persons.get(pair.get(1)).get("phone");
            List<Extracts.Row> first = recordsWithPhone(pair.get(0), number);
            List<Extracts.Row> second = recordsWithPhone(pair.get(1), number);
            assertThat(first).as("first owner's records with %s", number).isNotEmpty();
            assertThat(second).as("second owner's records with %s", number).isNotEmpty();
            assertThat(persons.get(pair.get(0)).get("name")).isNotEqualTo(persons.get(pair.get(1)).get("name"));
            assertThat(persons.get(pair.get(0)).get("phone")).isNotEqualTo(number);
            LocalDate lastUse = first.stream().map(r -> ExtractFilesTest.date(r, "created_date"))
                    .max(LocalDate::compareTo).orElseThrow();
            LocalDate firstUse = second.stream().map(r -> ExtractFilesTest.date(r, "created_date"))
                    .min(LocalDate::compareTo).orElseThrow();
            assertThat(lastUse).isBefore(firstUse);
        }
    }

    private List<List<String>> traps(String kind) {
        return TruthFiles.read(home, "traps.csv").stream().filter(t -> t.get("trap").equals(kind))
                .map(t -> List.of(t.get("person_ids").split(";"))).toList();
    }

    private List<Extracts.Row> recordsWithPhone(String person, String phone) {
        return extracts.rows("customer").stream().filter(r -> owner(r).equals(person))
                .filter(r -> phone.equals(Extracts.canonicalPhone(r.get("phone")))).toList();
    }

    private String owner(Extracts.Row customer) {
        return owners.get(customer.store() + "|customer|" + customer.get("source_id"));
    }

    private static int differingChars(String a, String b) {
        int differences = 0;
        for (int i = 0; i < a.length(); i++) {
            differences += a.charAt(i) == b.charAt(i) ? 0 : 1;
        }
        return differences;
    }
}
