package org.retentionwarehouse.ingest.linkage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Australian-style synthetic customer records with ground truth, typos, missing fields and household traps. */
final class SyntheticPeople {

    static final String[] GIVEN = {"JAMES", "JOHN", "ROBERT", "MICHAEL", "WILLIAM", "DAVID", "RICHARD", "JOSEPH", "THOMAS",
        "CHARLES", "DANIEL", "MATTHEW", "ANTHONY", "MARK", "STEVEN", "PAUL", "ANDREW", "JOSHUA", "KEVIN", "BRIAN",
        "GEORGE", "EDWARD", "RYAN", "JACOB", "NICHOLAS", "BENJAMIN", "SAMUEL", "LIAM", "NOAH", "OLIVER", "JACK",
        "MARY", "PATRICIA", "JENNIFER", "LINDA", "ELIZABETH", "BARBARA", "SUSAN", "JESSICA", "SARAH", "KAREN",
        "NANCY", "LISA", "MARGARET", "SANDRA", "ASHLEY", "EMILY", "DONNA", "MICHELLE", "AMANDA", "MELISSA",
        "REBECCA", "LAURA", "CHLOE", "OLIVIA", "CHARLOTTE", "AMELIA", "ISLA", "MIA", "GRACE", "ZOE", "RUBY",
        "HANNAH", "LUCY", "EMMA", "SOPHIE", "WEI", "MINH", "PRIYA", "RAJ", "AHMED", "FATIMA", "GIOVANNI", "SOFIA"};
    static final String[] SURNAME = {"SMITH", "JONES", "WILLIAMS", "BROWN", "WILSON", "TAYLOR", "NGUYEN", "JOHNSON",
        "MARTIN", "WHITE", "ANDERSON", "WALKER", "THOMPSON", "THOMAS", "LEE", "RYAN", "ROBINSON", "KELLY", "KING",
        "DAVIS", "WRIGHT", "EVANS", "ROBERTS", "GREEN", "HALL", "WOOD", "JACKSON", "CLARKE", "PATEL", "KHAN",
        "LEWIS", "JAMES", "PHILLIPS", "MITCHELL", "HARRIS", "CAMPBELL", "MURPHY", "YOUNG", "MORRIS", "ALLEN",
        "WANG", "LI", "ZHANG", "CHEN", "TRAN", "LE", "PHAM", "SINGH", "KAUR", "COOPER", "WARD", "TURNER", "HILL",
        "SCOTT", "MOORE", "STEWART", "BAKER", "HUGHES", "EDWARDS", "COLLINS", "BELL", "PARKER", "MILLER", "DAVIES",
        "MORGAN", "KENNEDY", "MCDONALD", "OBRIEN", "SULLIVAN", "GRAHAM", "REID", "ROSS", "WATSON", "PRICE", "MARSHALL",
        "FERGUSON", "ELLIS", "HOWARD", "MURRAY", "FRASER", "HAMILTON", "GRAY", "HUNT", "KNIGHT", "CARTER", "BAILEY",
        "RICHARDSON", "CUNNINGHAM", "OCONNOR", "FITZGERALD", "DOYLE", "BYRNE", "QUINN", "BURKE", "BARNES", "FISHER"};
    static final String[] STREET = {"GEORGE", "KING", "QUEEN", "VICTORIA", "ELIZABETH", "CHURCH", "HIGH", "MAIN", "PARK",
        "STATION", "RAILWAY", "BRIDGE", "MILL", "HILL", "WATTLE", "BANKSIA", "ACACIA", "CEDAR", "OAK", "ELM",
        "PACIFIC", "OCEAN", "BEACH", "RIVER", "LAKE", "FOREST", "GARDEN", "GROVE", "MARKET", "COLLINS", "BOURKE",
        "FLINDERS", "SWANSTON", "ELIZABETH BAY", "MACQUARIE", "PITT", "CASTLEREAGH", "OXFORD", "CROWN", "ANZAC"};
    static final String[][] TYPE = {{"STREET", "ST"}, {"ROAD", "RD"}, {"AVENUE", "AVE"}, {"DRIVE", "DR"}, {"COURT", "CT"},
        {"PLACE", "PL"}, {"CRESCENT", "CRES"}, {"PARADE", "PDE"}};
    static final String[] STATE = {"NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT"};
    static final String[] SUBURB_WORDS = {"NORTH", "SOUTH", "EAST", "WEST", "MOUNT", "PORT", "GLEN", "SPRING", "ROSE",
        "ASH", "BAY", "VALE", "FIELD", "WOOD", "BROOK", "HURST", "DALE", "SIDE", "VIEW", "PARK", "HILL", "CREEK"};
    static final String[] DOMAIN = {"gmail.com", "hotmail.com", "outlook.com", "bigpond.com", "yahoo.com.au", "icloud.com"};

    record Person(int pid, String given, String surname, int year, int month, int day, String phone, String email,
                  int streetNumber, int street, int type, int suburb) {
    }

    /** One generated row: truth person id and the raw column values. */
    record Row(String id, int pid, Map<String, String> cols) {
        Record record() {
            Map<Role, String> raw = new EnumMap<>(Role.class);
            for (Map.Entry<String, String> e : cols.entrySet()) {
                if (e.getValue() != null) {
                    raw.merge(COLUMN_ROLE.get(e.getKey()), e.getValue(), (a, b) -> a + " " + b);
                }
            }
            return Record.of(id, raw);
        }
    }

    static final Map<String, Role> COLUMN_ROLE = Map.of("first_name", Role.GIVEN_NAME, "last_name", Role.SURNAME,
            "mobile", Role.PHONE, "email", Role.EMAIL, "dob", Role.DATE_OF_BIRTH, "street_no", Role.STREET_NUMBER,
            "street", Role.ADDRESS, "suburb", Role.CITY, "postcode", Role.POSTCODE, "state", Role.STATE);

    final List<Person> people = new ArrayList<>();
    final List<Row> rows = new ArrayList<>();
    final String[] suburbs;
    final String[] postcodes;
    final String[] suburbState;
    private final Random rnd;

    SyntheticPeople(long seed, int persons) {
        rnd = new Random(seed);
        int nSuburbs = Math.min(900, Math.max(50, persons / 40)); // 22 x 22 x 2 word pairs are unique names
        suburbs = new String[nSuburbs];
        postcodes = new String[nSuburbs];
        suburbState = new String[nSuburbs];
        Set<String> used = new HashSet<>();
        for (int i = 0; i < nSuburbs; i++) {
            String s;
            do {
                s = pick(SUBURB_WORDS) + (rnd.nextBoolean() ? " " : "") + pick(SUBURB_WORDS).toLowerCase();
            } while (!used.add(s));
            suburbs[i] = s;
            postcodes[i] = String.valueOf(2000 + rnd.nextInt(7000));
            suburbState[i] = pick(STATE);
        }
        while (people.size() < persons) {
            Person head = newPerson(people.size(), null);
            people.add(head);
            double h = rnd.nextDouble();
            if (h < 0.12 && people.size() < persons) {
                // household sharing surname, phone and address; different given names and birth dates
                int members = 1 + rnd.nextInt(3);
                for (int k = 0; k < members && people.size() < persons; k++) {
                    people.add(newPerson(people.size(), head));
                }
            } else if (h < 0.14 && people.size() < persons) {
                // twins: same surname, phone, address and birth date, different given name
                String given;
                do {
                    given = pick(GIVEN);
                } while (given.equals(head.given()));
                people.add(new Person(people.size(), given, head.surname(), head.year(), head.month(), head.day(),
                        head.phone(), email(given, head.surname()), head.streetNumber(), head.street(), head.type(), head.suburb()));
            }
        }
        int seq = 0;
        for (Person p : people) {
            double c = rnd.nextDouble();
            int copies = c < 0.5 ? 1 : c < 0.8 ? 2 : 3;
            for (int k = 0; k < copies; k++) {
                rows.add(new Row("R" + (seq++), p.pid(), render(p, k > 0)));
            }
        }
        java.util.Collections.shuffle(rows, rnd);
    }

    private Person newPerson(int pid, Person household) {
        String given = pick(GIVEN);
        String surname = household != null ? household.surname() : surname();
        int year = 1940 + rnd.nextInt(66);
        int month = 1 + rnd.nextInt(12);
        int day = 1 + rnd.nextInt(28);
        if (household != null) {
            while (given.equals(household.given())) {
                given = pick(GIVEN);
            }
            while (year == household.year()) {
                year = 1940 + rnd.nextInt(66);
            }
            return new Person(pid, given, surname, year, month, day, household.phone(), email(given, surname),
                    household.streetNumber(), household.street(), household.type(), household.suburb());
        }
        String phone = "04" + String.format("%08d", rnd.nextInt(100_000_000));
        return new Person(pid, given, surname, year, month, day, phone, email(given, surname),
                1 + rnd.nextInt(250), rnd.nextInt(STREET.length), rnd.nextInt(TYPE.length), rnd.nextInt(suburbs.length));
    }

    private String surname() {
        // skewed: a few surnames are very common
        double x = rnd.nextDouble();
        return SURNAME[(int) (SURNAME.length * x * x)];
    }

    private String email(String given, String surname) {
        return given.toLowerCase() + (rnd.nextBoolean() ? "." : "") + surname.toLowerCase() + rnd.nextInt(1000) + "@" + pick(DOMAIN);
    }

    private Map<String, String> render(Person p, boolean noisy) {
        Map<String, String> m = new HashMap<>();
        double typo = noisy ? 1.0 : 0.3;
        m.put("first_name", rnd.nextDouble() < 0.08 * typo ? typo(p.given()) : cased(p.given()));
        m.put("last_name", rnd.nextDouble() < 0.05 * typo ? typo(p.surname()) : cased(p.surname()));
        int d = p.day();
        int mo = p.month();
        if (rnd.nextDouble() < 0.05 * typo && d <= 12) {
            int t = d;
            d = mo;
            mo = t;
        }
        if (rnd.nextDouble() > 0.08) {
            m.put("dob", rnd.nextBoolean() ? String.format("%02d/%02d/%d", d, mo, p.year()) : String.format("%d-%02d-%02d", p.year(), mo, d));
        }
        if (rnd.nextDouble() > 0.1) {
            String ph = p.phone();
            m.put("mobile", switch (rnd.nextInt(4)) {
                case 0 -> ph;
                case 1 -> ph.substring(0, 4) + " " + ph.substring(4, 7) + " " + ph.substring(7);
                case 2 -> "+61 " + ph.substring(1, 4) + " " + ph.substring(4, 7) + " " + ph.substring(7);
                default -> "(" + ph.substring(0, 2) + ") " + ph.substring(2, 6) + "-" + ph.substring(6);
            });
        }
        if (rnd.nextDouble() > 0.35) {
            m.put("email", rnd.nextDouble() < 0.2 ? p.email().toUpperCase() : p.email());
        }
        if (rnd.nextDouble() > 0.05) {
            m.put("street_no", String.valueOf(p.streetNumber()));
        }
        if (rnd.nextDouble() > 0.08) {
            String[] t = TYPE[p.type()];
            String street = cased(STREET[p.street()]) + " " + cased(rnd.nextBoolean() ? t[0] : t[1]);
            m.put("street", rnd.nextDouble() < 0.05 * typo ? typo(street) : street);
        }
        m.put("suburb", rnd.nextDouble() < 0.5 ? suburbs[p.suburb()] : suburbs[p.suburb()].toUpperCase());
        if (rnd.nextDouble() > 0.05) {
            m.put("postcode", postcodes[p.suburb()]);
        }
        m.put("state", suburbState[p.suburb()]);
        return m;
    }

    private String cased(String s) {
        return rnd.nextBoolean() ? s : s.charAt(0) + s.substring(1).toLowerCase();
    }

    String typo(String s) {
        if (s.length() < 3) {
            return s;
        }
        char[] c = s.toCharArray();
        int i = 1 + rnd.nextInt(c.length - 2);
        switch (rnd.nextInt(3)) {
            case 0 -> {
                char t = c[i];
                c[i] = c[i + 1];
                c[i + 1] = t;
                return new String(c);
            }
            case 1 -> {
                c[i] = (char) ('A' + rnd.nextInt(26));
                return new String(c);
            }
            default -> {
                return s.substring(0, i) + s.substring(i + 1);
            }
        }
    }

    private <T> T pick(T[] a) {
        return a[rnd.nextInt(a.length)];
    }

    List<Record> records() {
        return rows.stream().map(Row::record).toList();
    }

    /** Truth person id by record id. */
    Map<String, Integer> truth() {
        Map<String, Integer> t = new HashMap<>();
        rows.forEach(r -> t.put(r.id(), r.pid()));
        return t;
    }

    static final List<String> HEADER = List.of("cust_id", "first_name", "last_name", "mobile", "email", "dob",
            "street_no", "street", "suburb", "postcode", "state");

    static String mappingYaml() {
        return """
                id: cust_id
                fields:
                  - {column: first_name, role: given_name}
                  - {column: last_name, role: surname}
                  - {column: mobile, role: phone}
                  - {column: email, role: email}
                  - {column: dob, role: date_of_birth}
                  - {column: street_no, role: street_number}
                  - {column: street, role: address}
                  - {column: suburb, role: city}
                  - {column: postcode, role: postcode}
                  - {column: state, role: state}
                threshold: 0.9
                """;
    }

    static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (Row r : rows) {
            b.append(r.id());
            for (String h : HEADER.subList(1, HEADER.size())) {
                String v = r.cols().get(h);
                b.append(',');
                if (v != null) {
                    b.append(v.contains(",") || v.contains("\"") ? '"' + v.replace("\"", "\"\"") + '"' : v);
                }
            }
            b.append('\n');
        }
        return b.toString();
    }
}
