package org.retentionwarehouse.simulator.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.retentionwarehouse.simulator.model.CanonicalRecord;
import org.retentionwarehouse.simulator.model.LineType;
import org.retentionwarehouse.simulator.model.Money;
import org.retentionwarehouse.simulator.model.SaleRow;
import org.retentionwarehouse.simulator.model.SaleType;
import org.retentionwarehouse.simulator.model.ServiceLineRow;
import org.retentionwarehouse.simulator.model.ServiceOrderRow;
import org.retentionwarehouse.simulator.model.ServiceType;

class RenderingTest {

    private static final DialectCatalog CATALOG = DialectCatalog.load();
    private static final CanonicalRecord SALE = CanonicalRecord.of(new SaleRow("SO1", "C1", "LFV3A28K8D3052365",
            LocalDateTime.of(2026, 3, 5, 14, 30), Money.ofYuan(1234.5), SaleType.USED));

    @Test
    void csvDialectsWriteTheirOwnCodesDatesAndAmounts() {
        assertThat(RecordRenderer.forDialect(CATALOG.get("alpha_csv")).line(SALE))
                .isEqualTo("SO1,C1,LFV3A28K8D3052365,2026-03-05,1234.50,USED");
        assertThat(RecordRenderer.forDialect(CATALOG.get("beta_gbk")).line(SALE))
                .isEqualTo("SO1,C1,LFV3A28K8D3052365,2026/03/05,\"1,234.50\",二手车");
        assertThat(RecordRenderer.forDialect(CATALOG.get("beta_gbk")).header(SALE.entity()))
                .isEqualTo("销售单号,客户编号,车架号,销售日期,成交金额,销售类型");
    }

    @Test
    void jsonLinesNestObjectsAlongPathsAndRepairLinesInsideTheirOrder() throws IOException {
        ServiceOrderRow order = new ServiceOrderRow("ro_1", "c2_1", "LFV3A28K8D3052365",
                LocalDateTime.of(2026, 3, 5, 9, 0), LocalDateTime.of(2026, 3, 5, 11, 15), 12345,
                ServiceType.MAINTENANCE, new Money(30000));
        List<ServiceLineRow> lines = List.of(
                new ServiceLineRow("ro_1", 1, LineType.PART, "P-1", "机油", new BigDecimal("4.5"), new Money(20000), "王伟"),
                new ServiceLineRow("ro_1", 2, LineType.LABOUR, "L-1", "工时", new BigDecimal("1.0"), new Money(10000),
                        "王伟"));
        RecordRenderer gamma = RecordRenderer.forDialect(CATALOG.get("gamma_jsonl"));

        JsonNode json = new ObjectMapper().readTree(gamma.line(CanonicalRecord.of(order, lines)));

        assertThat(json.get("roNo").asText()).isEqualTo("ro_1");
        assertThat(json.at("/vehicle/vin").asText()).isEqualTo("LFV3A28K8D3052365");
        assertThat(json.at("/vehicle/odometer").asInt()).isEqualTo(12345);
        assertThat(json.get("type").isTextual()).isTrue();
        assertThat(json.get("type").asText()).isEqualTo("10");
        assertThat(json.get("openedAt").asText()).isEqualTo("2026-03-05T09:00:00+08:00");
        assertThat(json.get("total").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(json.get("items")).hasSize(2);
        assertThat(json.at("/items/1/kind").asText()).isEqualTo("LABOR");
        assertThat(json.at("/items/0/qty").decimalValue()).isEqualByComparingTo("4.5");
        assertThat(json.at("/items/0").has("roNo")).isFalse();
        assertThat(gamma.fileEntities()).doesNotContain(org.retentionwarehouse.simulator.model.Entity.SERVICE_LINE);
    }

    @Test
    void csvSplitsAnOrderIntoItsOrderRowAndLineRows() {
        ServiceOrderRow order = new ServiceOrderRow("RO1", "SV1", "LFV3A28K8D3052365",
                LocalDateTime.of(2026, 3, 5, 9, 0), LocalDateTime.of(2026, 3, 5, 11, 15), 12345,
                ServiceType.REPAIR, new Money(10000));
        ServiceLineRow line = new ServiceLineRow("RO1", 1, LineType.LABOUR, "L-1", "维修工时", BigDecimal.ONE,
                new Money(10000), "李娜");
        RecordRenderer alpha = RecordRenderer.forDialect(CATALOG.get("alpha_csv"));
        List<String> rows = new java.util.ArrayList<>();
        alpha.split(CanonicalRecord.of(order, List.of(line)), r -> rows.add(r.entity().key() + ":" + alpha.line(r)));

        assertThat(rows).containsExactly("service_order:RO1,SV1,LFV3A28K8D3052365,2026-03-05,2026-03-05,12345,RPR,100.00",
                "service_line:RO1,1,L,L-1,维修工时,1,100.00,李娜");
    }

    @Test
    void wrongFieldCountChangesTheCsvFieldCountOrBreaksTheJson() {
        SplittableRandom rng = new SplittableRandom(1);
        RecordRenderer alpha = RecordRenderer.forDialect(CATALOG.get("alpha_csv"));
        for (int i = 0; i < 20; i++) {
            assertThat(alpha.lineWithWrongFieldCount(SALE, rng).split(",", -1).length).isIn(5, 7);
        }
        RecordRenderer gamma = RecordRenderer.forDialect(CATALOG.get("gamma_jsonl"));
        for (int i = 0; i < 20; i++) {
            String cut = gamma.lineWithWrongFieldCount(SALE, rng);
            assertThatThrownBy(() -> new ObjectMapper().readTree(cut)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aContractMissingACodeIsRejectedAtLoad() {
        String broken = CATALOG.text().replace("PRM: premier, ", "");

        assertThatThrownBy(() -> DialectCatalog.parse(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha_csv entity customer").hasMessageContaining("premier");
    }
}
