package org.retentionwarehouse.simulator.world;

import java.util.List;

/** Fixed reference data: the cities and makes the simulated dealer group operates with. */
public final class Catalog {

    /** Cities in the order stores are spread over them. */
    public static final List<City> CITIES = List.of(
            new City("杭州", "浙", 'A', "0571", List.of("西湖", "滨江", "萧山", "余杭", "拱墅")),
            new City("宁波", "浙", 'B', "0574", List.of("鄞州", "海曙", "江北", "北仑")),
            new City("上海", "沪", 'A', "021", List.of("浦东", "闵行", "徐汇", "嘉定")),
            new City("苏州", "苏", 'E', "0512", List.of("姑苏", "吴中", "园区", "相城")),
            new City("南京", "苏", 'A', "025", List.of("鼓楼", "江宁", "建邺", "栖霞")),
            new City("温州", "浙", 'C', "0577", List.of("鹿城", "瓯海", "龙湾")),
            new City("无锡", "苏", 'B', "0510", List.of("梁溪", "滨湖", "新吴")),
            new City("绍兴", "浙", 'D', "0575", List.of("越城", "柯桥", "上虞")),
            new City("合肥", "皖", 'A', "0551", List.of("蜀山", "包河", "庐阳")),
            new City("嘉兴", "浙", 'F', "0573", List.of("南湖", "秀洲", "桐乡")));

    /** Makes, assigned to stores in pairs so that stores share a make with another store. */
    public static final List<Brand> BRANDS = List.of(
            new Brand("奥迪", "奥迪", "LFV", "3C", "AUD", 1.6, List.of(
                    new VehicleModel("A4L", "8W", 300_000, 420_000),
                    new VehicleModel("A6L", "4K", 420_000, 650_000),
                    new VehicleModel("Q5L", "FY", 390_000, 520_000),
                    new VehicleModel("Q3", "F3", 270_000, 360_000))),
            new Brand("上汽大众", "大众", "LSV", "AN", "SVW", 1.0, List.of(
                    new VehicleModel("朗逸", "BM", 110_000, 160_000),
                    new VehicleModel("帕萨特", "3G", 180_000, 260_000),
                    new VehicleModel("途观L", "AX", 210_000, 300_000),
                    new VehicleModel("途昂", "CA", 280_000, 380_000))),
            new Brand("广汽本田", "本田", "LHG", "CZ", "GHA", 1.0, List.of(
                    new VehicleModel("雅阁", "CV", 170_000, 260_000),
                    new VehicleModel("缤智", "RU", 120_000, 160_000),
                    new VehicleModel("皓影", "RW", 170_000, 250_000),
                    new VehicleModel("奥德赛", "RC", 250_000, 330_000))),
            new Brand("华晨宝马", "宝马", "LBV", "5S", "BMW", 1.7, List.of(
                    new VehicleModel("3系", "8E", 300_000, 400_000),
                    new VehicleModel("5系", "5F", 430_000, 560_000),
                    new VehicleModel("X3", "TX", 400_000, 500_000))),
            new Brand("别克", "别克", "LSG", "AJ", "SGM", 1.1, List.of(
                    new VehicleModel("英朗", "PB", 100_000, 140_000),
                    new VehicleModel("君威", "ZS", 170_000, 230_000),
                    new VehicleModel("昂科威", "UC", 200_000, 280_000),
                    new VehicleModel("GL8", "GM", 250_000, 450_000))),
            new Brand("一汽丰田", "丰田", "LFM", "H7", "FTM", 1.0, List.of(
                    new VehicleModel("卡罗拉", "BE", 110_000, 160_000),
                    new VehicleModel("亚洲龙", "AX", 200_000, 280_000),
                    new VehicleModel("RAV4荣放", "XA", 170_000, 260_000))));

    private Catalog() {
    }
}
