package org.retentionwarehouse.simulator.extract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.retentionwarehouse.simulator.model.LineType;
import org.retentionwarehouse.simulator.model.Money;
import org.retentionwarehouse.simulator.model.ServiceLineRow;
import org.retentionwarehouse.simulator.model.ServiceType;
import org.retentionwarehouse.simulator.random.Draws;
import org.retentionwarehouse.simulator.world.Brand;

/** The parts and labour a repair order of each kind is made of, priced at the make's level. */
final class ServiceCatalog {

    /**
     * A catalogue item.
     *
     * @param type        part or labour
     * @param code        item code (parts get the make's prefix)
     * @param description Chinese description
     * @param unitPrice   price per unit (litre, piece, hour) in yuan at volume-make level
     * @param minTenths   smallest quantity in tenths
     * @param maxTenths   largest quantity in tenths
     * @param stepTenths  quantity step in tenths (10 = whole units)
     */
    private record Item(LineType type, String code, String description, double unitPrice, int minTenths,
            int maxTenths, int stepTenths) {
    }

    private static final Item OIL = part("OIL-5W30", "全合成机油", 98, 40, 55, 5);
    private static final Item OIL_FILTER = part("115562", "机油滤清器", 68, 10, 10, 10);
    private static final Item DRAIN_WASHER = part("911370", "放油螺栓垫片", 5, 10, 10, 10);
    private static final Item AIR_FILTER = part("129620", "空气滤清器", 120, 10, 10, 10);
    private static final Item CABIN_FILTER = part("819653", "空调滤清器", 150, 10, 10, 10);
    private static final Item SPARK_PLUGS = part("905601", "火花塞", 85, 40, 40, 10);
    private static final Item BRAKE_FLUID = part("BF-DOT4", "制动液", 180, 10, 10, 10);
    private static final Item MAINTENANCE_LABOUR = labour("LB1001", "常规保养工时", 200, 10, 15, 5);
    private static final List<Item> REPAIR_PARTS = List.of(
            part("698151", "前刹车片", 680, 10, 10, 10), part("698451", "后刹车片", 520, 10, 10, 10),
            part("955425", "雨刮片", 95, 10, 20, 10), part("915105", "蓄电池", 980, 10, 10, 10),
            part("601307", "轮胎", 850, 10, 40, 10), part("413031", "减震器", 1200, 10, 20, 10),
            part("903023", "发电机", 2600, 10, 10, 10), part("121011", "水泵", 900, 10, 10, 10),
            part("121113", "节温器", 420, 10, 10, 10), part("905715", "点火线圈", 380, 10, 40, 10));
    private static final Item DIAGNOSIS = labour("LB2001", "故障诊断", 300, 10, 10, 10);
    private static final Item REPAIR_LABOUR = labour("LB2002", "维修工时", 220, 10, 40, 5);
    private static final Item WARRANTY_LABOUR = labour("LB3001", "索赔工时", 220, 10, 30, 5);
    private static final List<Item> BODY_PARTS = List.of(
            part("807221", "前保险杠", 2800, 10, 10, 10), part("807421", "后保险杠", 2500, 10, 10, 10),
            part("941005", "前大灯总成", 4200, 10, 10, 10), part("821021", "翼子板", 1600, 10, 10, 10),
            part("823031", "发动机盖", 3600, 10, 10, 10), part("831051", "车门壳", 3900, 10, 10, 10),
            part("857501", "后视镜总成", 1100, 10, 10, 10));
    private static final Item BODY_LABOUR = labour("LB4001", "钣金工时", 260, 20, 100, 5);
    private static final Item PAINT_LABOUR = labour("LB4002", "喷漆工时", 300, 20, 80, 5);
    private static final Item INSPECTION_AGENCY = labour("LB5001", "年检代办", 300, 10, 10, 10);
    private static final Item SAFETY_CHECK = labour("LB5002", "安全性能检测", 150, 10, 10, 10);

    private ServiceCatalog() {
    }

    private static Item part(String code, String description, double price, int min, int max, int step) {
        return new Item(LineType.PART, code, description, price, min, max, step);
    }

    private static Item labour(String code, String description, double price, int min, int max, int step) {
        return new Item(LineType.LABOUR, code, description, price, min, max, step);
    }

    /** The lines of a repair order; {@code services} counts earlier maintenance services of the car. */
    static List<ServiceLineRow> lines(String orderId, ServiceType type, Brand brand, int services,
            List<String> technicians, RandomGenerator rng) {
        List<Item> items = new ArrayList<>();
        switch (type) {
            case MAINTENANCE -> {
                items.add(OIL);
                items.add(OIL_FILTER);
                items.add(DRAIN_WASHER);
                if (services % 2 == 1) {
                    items.add(AIR_FILTER);
                    items.add(BRAKE_FLUID);
                }
                if (services % 2 == 0) {
                    items.add(CABIN_FILTER);
                }
                if (services % 4 == 3) {
                    items.add(SPARK_PLUGS);
                }
                items.add(MAINTENANCE_LABOUR);
            }
            case REPAIR -> {
                items.add(Draws.pick(rng, REPAIR_PARTS));
                if (rng.nextBoolean()) {
                    items.add(DIAGNOSIS);
                }
                items.add(REPAIR_LABOUR);
            }
            case WARRANTY -> {
                items.add(Draws.pick(rng, REPAIR_PARTS));
                items.add(WARRANTY_LABOUR);
            }
            case ACCIDENT -> {
                int parts = Draws.between(rng, 1, 3);
                for (int i = 0; i < parts; i++) {
                    Item part = Draws.pick(rng, BODY_PARTS);
                    if (!items.contains(part)) {
                        items.add(part);
                    }
                }
                items.add(BODY_LABOUR);
                items.add(PAINT_LABOUR);
            }
            case INSPECTION -> {
                items.add(INSPECTION_AGENCY);
                items.add(SAFETY_CHECK);
            }
        }
        String technician = Draws.pick(rng, technicians);
        List<ServiceLineRow> lines = new ArrayList<>(items.size());
        for (Item item : items) {
            int steps = (item.maxTenths() - item.minTenths()) / item.stepTenths();
            int tenths = item.minTenths() + item.stepTenths() * rng.nextInt(steps + 1);
            double yuan = Math.round(item.unitPrice() * brand.serviceFactor() * tenths / 10.0);
            String code = item.type() == LineType.PART ? brand.partPrefix() + "-" + item.code() : item.code();
            lines.add(new ServiceLineRow(orderId, lines.size() + 1, item.type(), code, item.description(),
                    BigDecimal.valueOf(tenths, 1), Money.ofYuan(yuan), technician));
        }
        return lines;
    }
}
