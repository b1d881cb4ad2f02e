package org.retentionwarehouse.simulator.world;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.retentionwarehouse.simulator.model.Gender;
import org.retentionwarehouse.simulator.random.Draws;

/** Chinese personal and company names, with the look-alike characters clerks mistype. */
public final class NamePool {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程沈汪陆范金钱姚方章";
    /** Relative frequencies of {@link #SURNAMES}: the big five cover about a third of the population. */
    private static final double[] SURNAME_WEIGHTS = {
        7.1, 7.0, 6.7, 5.4, 4.5, 3.1, 2.2, 2.0, 2.0, 1.9, 1.5, 1.4, 1.3, 1.3, 1.2, 1.1, 1.1, 1.1, 1.1, 0.9, 0.9, 0.9,
        0.8, 0.7, 0.7, 0.7, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4,
        0.4, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3};
    private static final String MALE_CHARS = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊峰建国志文博轩然航晨东海林立成龙洋";
    private static final String FEMALE_CHARS = "芳娜敏静丽艳娟霞玲燕萍红洁琳雪倩颖婷慧莹晶秀英兰梅欣怡涵雨佳悦琪";

    /** Names many unrelated people share. */
    public static final List<String> COMMON_MALE = List.of("王伟", "张伟", "刘洋", "王磊", "李强");
    /** Names many unrelated people share. */
    public static final List<String> COMMON_FEMALE = List.of("李娜", "王芳", "李静", "张敏", "王静");

    /** Characters and the look-alike or same-sounding character a clerk may type instead. */
    private static final Map<Character, Character> TYPOS = Map.ofEntries(
            Map.entry('伟', '玮'), Map.entry('张', '章'), Map.entry('章', '张'), Map.entry('丽', '莉'),
            Map.entry('娜', '那'), Map.entry('静', '靖'), Map.entry('敏', '民'), Map.entry('军', '君'),
            Map.entry('杰', '洁'), Map.entry('磊', '垒'), Map.entry('芳', '方'), Map.entry('刚', '钢'),
            Map.entry('明', '铭'), Map.entry('华', '桦'), Map.entry('艳', '燕'), Map.entry('燕', '艳'),
            Map.entry('勇', '永'), Map.entry('杨', '扬'), Map.entry('林', '琳'), Map.entry('琳', '林'),
            Map.entry('王', '汪'), Map.entry('汪', '王'), Map.entry('涛', '滔'), Map.entry('斌', '彬'),
            Map.entry('红', '虹'), Map.entry('婷', '亭'), Map.entry('晶', '菁'), Map.entry('霞', '侠'),
            Map.entry('玲', '铃'), Map.entry('峰', '锋'), Map.entry('辉', '晖'), Map.entry('鹏', '朋'),
            Map.entry('宇', '雨'), Map.entry('浩', '皓'), Map.entry('凯', '恺'), Map.entry('健', '建'),
            Map.entry('俊', '骏'), Map.entry('超', '朝'), Map.entry('陈', '程'), Map.entry('徐', '许'),
            Map.entry('许', '徐'), Map.entry('刘', '柳'), Map.entry('强', '蔷'), Map.entry('洋', '阳'));

    private static final List<String> COMPANY_WORDS = List.of("顺达", "恒信", "华通", "鑫源", "宏远", "永泰", "天成",
            "中诚", "嘉禾", "瑞丰", "博远", "金桥", "东升", "汇通", "远航", "新锐");
    private static final List<String> COMPANY_LATIN = List.of("JD", "HK", "ZX", "BT", "KM", "SG", "DH", "ECO");
    private static final List<String> INDUSTRIES = List.of("物流", "贸易", "科技", "建设工程", "汽车租赁", "电子",
            "食品", "医药", "实业", "供应链管理", "出行服务");

    private NamePool() {
    }

    /** A personal name: surname plus one or two given-name characters. */
    public static String personName(RandomGenerator rng, Gender gender) {
        String pool = gender == Gender.MALE ? MALE_CHARS : FEMALE_CHARS;
        StringBuilder name = new StringBuilder(3);
        name.append(SURNAMES.charAt(Draws.weighted(rng, SURNAME_WEIGHTS)));
        char first = pool.charAt(rng.nextInt(pool.length()));
        name.append(first);
        if (rng.nextDouble() < 0.45) {
            char second;
            do {
                second = pool.charAt(rng.nextInt(pool.length()));
            } while (second == first);
            name.append(second);
        }
        return name.toString();
    }

    /** A company name such as 杭州顺达物流有限公司, sometimes with Latin letters in it. */
    public static String companyName(RandomGenerator rng, City city) {
        String latin = rng.nextDouble() < 0.35 ? Draws.pick(rng, COMPANY_LATIN) : "";
        return city.name() + Draws.pick(rng, COMPANY_WORDS) + latin + Draws.pick(rng, INDUSTRIES) + "有限公司";
    }

    /** The look-alike of a character, or the character itself when clerks do not confuse it. */
    public static char typoOf(char c) {
        return TYPOS.getOrDefault(c, c);
    }
}
