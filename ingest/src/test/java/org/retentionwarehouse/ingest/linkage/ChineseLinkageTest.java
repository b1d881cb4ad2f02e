package org.retentionwarehouse.ingest.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChineseLinkageTest {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红梅玉兰春晓东海波宁";
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    @Test
    void linksHanNamesFormattedPhonesAndIdNumbers(@TempDir Path dir) throws Exception {
        Random rnd = new Random(86);
        StringBuilder left = new StringBuilder("客户编号,姓名,手机,证件号码\n");
        StringBuilder right = new StringBuilder("id,name,phone,id_card\n");
        Set<String> truth = new HashSet<>();
        int typos = 0;
        String sharedPhone = null;
        for (int i = 0; i < 800; i++) {
            String name = "" + SURNAMES.charAt(rnd.nextInt(SURNAMES.length())) + GIVEN.charAt(rnd.nextInt(GIVEN.length()))
                    + (rnd.nextBoolean() ? "" + GIVEN.charAt(rnd.nextInt(GIVEN.length())) : "");
            // every tenth person shares the previous person's phone (a family), with their own name and ID
            String phone = i % 10 == 1 && sharedPhone != null ? sharedPhone
                    : "1" + (3 + rnd.nextInt(7)) + String.format("%09d", rnd.nextInt(1_000_000_000));
            sharedPhone = phone;
            String id = idNumber(rnd);
            left.append("L").append(i).append(',').append(name).append(',').append(phone).append(',').append(id).append('\n');
            if (rnd.nextDouble() < 0.3) {
                continue; // not in the right file
            }
            String rname = name;
            double r = rnd.nextDouble();
            if (r < 0.15) {
                int at = 1 + rnd.nextInt(name.length() - 1);
                rname = name.substring(0, at) + GIVEN.charAt(rnd.nextInt(GIVEN.length())) + name.substring(at + 1);
                typos++;
            } else if (r < 0.25) {
                rname = name.charAt(0) + " " + name.substring(1);
            }
            String rphone = switch (rnd.nextInt(3)) {
                case 0 -> "+86 " + phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7);
                case 1 -> fullWidth(phone);
                default -> "0086" + phone;
            };
            String rid = rnd.nextDouble() < 0.3 ? "" : id.toLowerCase();
            right.append("R").append(i).append(',').append(rname).append(',').append(rphone).append(',').append(rid).append('\n');
            truth.add("L" + i + "|R" + i);
        }
        Files.writeString(dir.resolve("left.csv"), left, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("right.csv"), right, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("left.yaml"), """
                id: 客户编号
                fields:
                  - {column: 姓名, role: person_name}
                  - {column: 手机, role: phone}
                  - {column: 证件号码, role: id_number}
                """, StandardCharsets.UTF_8);
        // the right file has other headers: link with a mapping per file layout via records
        LinkageMapping lm = LinkageMapping.load(dir.resolve("left.yaml"));
        Files.writeString(dir.resolve("right.yaml"), """
                id: id
                fields:
                  - {column: name, role: person_name}
                  - {column: phone, role: phone}
                  - {column: id_card, role: id_number}
                """, StandardCharsets.UTF_8);
        LinkageMapping rm = LinkageMapping.load(dir.resolve("right.yaml"));
        List<Record> l = CsvRecords.read(dir.resolve("left.csv"), lm);
        List<Record> r = CsvRecords.read(dir.resolve("right.csv"), rm);
        Linker linker = new Linker(lm);
        List<ScoredPair> pairs = linker.link(l, r);
        linker.model().table().forEach(System.out::println);
        Set<String> predicted = new HashSet<>();
        pairs.stream().filter(p -> p.matchProbability() >= lm.threshold()).forEach(p -> predicted.add(p.leftId() + "|" + p.rightId()));
        long tp = predicted.stream().filter(truth::contains).count();
        double precision = (double) tp / predicted.size();
        double recall = (double) tp / truth.size();
        System.out.printf("chinese link: %d x %d, %d one-character typos, precision %.4f recall %.4f%n", l.size(), r.size(), typos, precision, recall);
        assertThat(precision).isGreaterThanOrEqualTo(0.98);
        assertThat(recall).isGreaterThanOrEqualTo(0.98);

        Record a = l.get(0);
        assertThat(a.get(Role.PHONE)).hasSize(11);
        Record fw = Record.of("x", java.util.Map.of(Role.PHONE, "＋８６ １３８-１２３４-５６７８", Role.PERSON_NAME, "王 小明"));
        assertThat(fw.get(Role.PHONE)).isEqualTo("13812345678");
        assertThat(fw.get(Role.PERSON_NAME)).isEqualTo("王小明");
        Record typo = Record.of("y", java.util.Map.of(Role.PERSON_NAME, "王晓明"));
        assertThat(new Comparison.NameComparison(Role.PERSON_NAME).compare(fw, typo)).isEqualTo(1);
    }

    @Test
    void linkCommandWritesPairsAndModel(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id,name,mobile\n1,张伟,13812345678\n2,李娜,13900001111\n3,王芳,13700002222\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("b.csv"), "\uFEFFid,name,mobile\n9,张 伟,\"+86 138-1234-5678\"\n8,李娜,１３９００００１１１１\n7,赵敏,13600003333\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("m.yaml"), "id: id\nfields:\n  - {column: name, role: person_name}\n  - {column: mobile, role: phone}\nthreshold: 0.5\n");
        LinkageCommands.Summary s = LinkageCommands.link(dir.resolve("a.csv"), dir.resolve("b.csv"), dir.resolve("m.yaml"), null,
                dir.resolve("out/pairs.csv"));
        assertThat(s.records()).isEqualTo(6);
        assertThat(s.candidatePairs()).isEqualTo(2);
        assertThat(s.model()).isNotEmpty();
        List<List<String>> rows;
        try (BufferedReader in = Files.newBufferedReader(dir.resolve("out/pairs.csv"))) {
            rows = CsvRecords.parse(in, ',');
            assertThat(rows.get(0)).containsExactly("left_id", "right_id", "match_probability", "match_weight");
        }

        // The same people in another system's export: its own headers, delimiter and encoding, read by
        // its own mapping, give the same pairs.
        Files.write(dir.resolve("c.csv"), "客户号;手机;姓名\n9;\"+86 138-1234-5678\";张 伟\n8;１３９００００１１１１;李娜\n7;13600003333;赵敏\n"
                .getBytes(java.nio.charset.Charset.forName("GBK")));
        Files.writeString(dir.resolve("c.yaml"), "id: 客户号\nfields:\n  - {column: 姓名, role: person_name}\n  - {column: 手机, role: phone}\n"
                + "csv: {delimiter: \";\", encoding: GBK}\n");
        LinkageCommands.link(dir.resolve("a.csv"), dir.resolve("c.csv"), dir.resolve("m.yaml"), dir.resolve("c.yaml"),
                dir.resolve("out/pairs-c.csv"));
        try (BufferedReader in = Files.newBufferedReader(dir.resolve("out/pairs-c.csv"))) {
            assertThat(CsvRecords.parse(in, ',')).isEqualTo(rows);
        }
        // A right mapping that gives other roles cannot be compared: the message names both files.
        Files.writeString(dir.resolve("d.yaml"), "id: 客户号\nfields:\n  - {column: 姓名, role: person_name}\n"
                + "csv: {delimiter: \";\", encoding: GBK}\n");
        assertThatThrownBy(() -> LinkageCommands.link(dir.resolve("a.csv"), dir.resolve("c.csv"), dir.resolve("m.yaml"),
                dir.resolve("d.yaml"), dir.resolve("out/pairs-d.csv"))).isInstanceOf(MappingException.class)
                .hasMessageContaining("d.yaml").hasMessageContaining("m.yaml");
    }

    static String idNumber(Random rnd) {
        String[] areas = {"110101", "310104", "440305", "510107", "330106"};
        String body = areas[rnd.nextInt(areas.length)] + (1950 + rnd.nextInt(55))
                + String.format("%02d%02d", 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)) + String.format("%03d", rnd.nextInt(1000));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + CHECK[sum % 11];
    }

    static String fullWidth(String digits) {
        StringBuilder b = new StringBuilder();
        for (char c : digits.toCharArray()) {
            b.append((char) (c - '0' + '０'));
        }
        return b.toString();
    }
}
