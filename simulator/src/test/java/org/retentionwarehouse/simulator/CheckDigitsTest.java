package org.retentionwarehouse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.retentionwarehouse.simulator.identity.ResidentId;
import org.retentionwarehouse.simulator.identity.Vin;

/** VINs and resident ID numbers carry valid check characters on every good row. */
class CheckDigitsTest {

    private static final Set<String> JOINT_VENTURE_WMIS = Set.of("LFV", "LSV", "LHG", "LBV", "LSG", "LFM");

    private final Extracts extracts = DemoData.extracts();

    @Test
    void checkDigitAlgorithmsMatchPublishedExamples() {
        assertThat(Vin.isValid("1M8GDM9AXKP042788")).isTrue();
        assertThat(Vin.isValid("1M8GDM9A1KP042788")).isFalse();
        assertThat(Vin.isValid("1M8GDM9AXKP04278")).isFalse();
        assertThat(Vin.isValid("1M8GDM9AXKO042788")).isFalse();
        assertThat(ResidentId.isValid("11010519491231002X")).isTrue();
        assertThat(ResidentId.isValid("110105194912310021")).isFalse();
        assertThat(ResidentId.isValid("110105194913310028")).isFalse();
    }

    @Test
    void everyGoodVinIsValidAndFromAChineseJointVenture() {
        for (String entity : List.of("vehicle", "sale", "service_order")) {
            assertThat(extracts.rows(entity)).isNotEmpty().allSatisfy(r -> {
                assertThat(Vin.isValid(r.get("vin"))).as("%s %s", entity, r.get("vin")).isTrue();
                assertThat(r.get("vin").substring(0, 3)).isIn(JOINT_VENTURE_WMIS);
            });
        }
    }

    @Test
    void everyIdNumberIsValidAndAgreesWithTheBirthDate() {
        List<Extracts.Row> customers = extracts.rows("customer");
        assertThat(customers).filteredOn(r -> !r.get("id_number").isEmpty()).hasSizeGreaterThan(500)
                .allSatisfy(r -> {
                    assertThat(ResidentId.isValid(r.get("id_number"))).as(r.get("id_number")).isTrue();
                    if (!r.get("birth_date").isEmpty()) {
                        LocalDate birth = ExtractFilesTest.date(r, "birth_date");
                        assertThat(r.get("id_number").substring(6, 14))
                                .isEqualTo(birth.format(DateTimeFormatter.BASIC_ISO_DATE));
                    }
                });
        double onSales = share(customers, "sales");
        double onService = share(customers, "service");
        assertThat(onSales).isGreaterThan(0.8);
        assertThat(onService).isLessThan(0.2);
    }

    private static double share(List<Extracts.Row> customers, String system) {
        List<Extracts.Row> privateRecords = customers.stream().filter(r -> r.get("source_system").equals(system))
                .filter(r -> r.get("customer_type").equals("private")).toList();
        return privateRecords.stream().filter(r -> !r.get("id_number").isEmpty()).count()
                / (double) privateRecords.size();
    }
}
