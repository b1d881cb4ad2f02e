package org.retentionwarehouse.ingest.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkageMappingTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void loadsFullMapping() throws Exception {
        Path m = write("full.yaml", """
                id: cust
                fields:
                  - {column: first, role: given_name}
                  - {column: last, role: Surname}
                  - {column: tel, role: phone}
                blocking:
                  - [phone]
                  - [surname, given_name]
                threshold: 0.8
                csv: {delimiter: ";", encoding: GBK}
                """);
        LinkageMapping mapping = LinkageMapping.load(m);
        assertThat(mapping.idColumn()).isEqualTo("cust");
        assertThat(mapping.fields()).extracting(LinkageMapping.Field::role).containsExactly(Role.GIVEN_NAME, Role.SURNAME, Role.PHONE);
        assertThat(mapping.blocking()).containsExactly(List.of(Role.PHONE), List.of(Role.SURNAME, Role.GIVEN_NAME));
        assertThat(mapping.threshold()).isEqualTo(0.8);
        assertThat(mapping.delimiter()).isEqualTo(';');
        assertThat(mapping.encoding().name()).isEqualTo("GBK");
    }

    @Test
    void defaultBlockingFromRolesPresent() throws Exception {
        LinkageMapping mapping = LinkageMapping.load(write("d.yaml", """
                id: id
                fields: [{column: a, role: surname}, {column: b, role: postcode}, {column: c, role: phone}, {column: d, role: date_of_birth}]
                """));
        assertThat(mapping.blocking()).contains(List.of(Role.PHONE), List.of(Role.SURNAME, Role.POSTCODE),
                List.of(Role.SURNAME, Role.DATE_OF_BIRTH));
        assertThat(mapping.threshold()).isEqualTo(0.9);
    }

    @Test
    void unknownRoleNamesFileAndKey() throws Exception {
        Path m = write("bad-role.yaml", "id: id\nfields:\n  - {column: a, role: phone}\n  - {column: b, role: shoe_size}\n");
        assertThatThrownBy(() -> LinkageMapping.load(m)).isInstanceOf(MappingException.class)
                .hasMessageContaining("bad-role.yaml").hasMessageContaining("fields[1].role").hasMessageContaining("shoe_size");
    }

    @Test
    void unknownColumnNamesMappingFileAndKey() throws Exception {
        Path m = write("cols.yaml", "id: id\nfields:\n  - {column: mobile, role: phone}\n  - {column: nme, role: person_name}\n");
        Path data = write("data.csv", "id,mobile,name\n1,13812345678,张伟\n");
        LinkageMapping mapping = LinkageMapping.load(m);
        assertThatThrownBy(() -> CsvRecords.read(data, mapping)).isInstanceOf(MappingException.class)
                .hasMessageContaining("cols.yaml").hasMessageContaining("fields[1].column").hasMessageContaining("nme")
                .hasMessageContaining("data.csv");
        Path m2 = write("id.yaml", "id: cust_no\nfields:\n  - {column: mobile, role: phone}\n");
        assertThatThrownBy(() -> CsvRecords.read(data, LinkageMapping.load(m2))).isInstanceOf(MappingException.class)
                .hasMessageContaining("id.yaml").hasMessageContaining("'id'").hasMessageContaining("cust_no");
    }

    @Test
    void otherErrorsNameTheKey() throws Exception {
        assertThatThrownBy(() -> LinkageMapping.load(write("k.yaml", "id: id\nfields: [{column: a, role: phone}]\nthreshhold: 0.5\n")))
                .hasMessageContaining("k.yaml").hasMessageContaining("threshhold");
        assertThatThrownBy(() -> LinkageMapping.load(write("b.yaml", "id: id\nfields: [{column: a, role: phone}]\nblocking: [[phone], [email]]\n")))
                .hasMessageContaining("b.yaml").hasMessageContaining("blocking[1][0]").hasMessageContaining("email");
        assertThatThrownBy(() -> LinkageMapping.load(write("t.yaml", "id: id\nfields: [{column: a, role: phone}]\nthreshold: 2\n")))
                .hasMessageContaining("t.yaml").hasMessageContaining("threshold");
        assertThatThrownBy(() -> LinkageMapping.load(write("n.yaml", "fields: [{column: a, role: phone}]\n")))
                .hasMessageContaining("n.yaml").hasMessageContaining("'id'");
        assertThatThrownBy(() -> LinkageMapping.load(write("c.yaml", "id: id\nfields: [{role: phone}]\n")))
                .hasMessageContaining("c.yaml").hasMessageContaining("fields[0].column");
    }

    @Test
    void normalisesPerRole() {
        assertThat(Normalize.value(Role.DATE_OF_BIRTH, "05/03/1980")).isEqualTo("1980-03-05");
        assertThat(Normalize.value(Role.DATE_OF_BIRTH, "1980-3-5")).isEqualTo("1980-03-05");
        assertThat(Normalize.value(Role.DATE_OF_BIRTH, "19800305")).isEqualTo("1980-03-05");
        assertThat(Normalize.value(Role.DATE_OF_BIRTH, "1980年3月5日")).isEqualTo("1980-03-05");
        assertThat(Normalize.value(Role.DATE_OF_BIRTH, "03/25/1980")).isEqualTo("1980-03-25");
        assertThat(Normalize.value(Role.DATE_OF_BIRTH, "31/02/1980")).isNull();
        assertThat(Normalize.value(Role.PHONE, "+61 412 345 678")).isEqualTo(Normalize.value(Role.PHONE, "0412 345 678"));
        assertThat(Normalize.value(Role.PHONE, "+86 138-1234-5678")).isEqualTo("13812345678");
        assertThat(Normalize.value(Role.EMAIL, " John.Smith@Gmail.COM ")).isEqualTo("john.smith@gmail.com");
        assertThat(Normalize.value(Role.POSTCODE, "sw1a 1aa")).isEqualTo("SW1A1AA");
        assertThat(Normalize.value(Role.ADDRESS, "George St.")).isEqualTo("GEORGE STREET");
        assertThat(Normalize.value(Role.GIVEN_NAME, "  Zoë ")).isEqualTo("ZOE");
        assertThat(Normalize.value(Role.SURNAME, "O'Brien")).isEqualTo("OBRIEN");
        assertThat(Comparison.DateComparison.level("1980-03-05", "1980-05-03")).isEqualTo(1);
        assertThat(Comparison.DateComparison.level("1980-03-05", "1981-03-05")).isEqualTo(2);
    }
}
