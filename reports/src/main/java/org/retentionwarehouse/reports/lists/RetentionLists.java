package org.retentionwarehouse.reports.lists;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Tonight's call lists ({@link ListType}) per store: scored customers, the excluded ones
 * (opted-out, blacklisted, resting after a recent call) removed, ranked and cut at the store's
 * daily calling capacity (each list on its own: they go to different teams and channels). Each row
 * carries what the caller needs: name, phone, vehicle, last visit, the scores and classes, the
 * model's top reasons, and one recommended action with its channel and, for a dated occasion, the
 * due date. Reason and action are text in the configured language; {@code list_type} and
 * {@code action_code} stay codes.
 */
public final class RetentionLists {

    /** A maintenance, insurance renewal or inspection due within this many days is a reason to call. */
    static final int NOTICE_DAYS = 30;
    /** A birthday within this many days is a reason for a greeting. */
    static final int BIRTHDAY_NOTICE_DAYS = 7;

    private RetentionLists() {
    }

    /**
     * Everyone who may be listed tonight, with what the lists rank and show.
     *
     * @param scores    tonight's {@code marts.customer_scores}
     * @param features  tonight's {@code marts.customer_features}
     * @param customers {@code core.dim_customer}, current rows
     * @param vehicles  {@code core.dim_vehicle}
     * @param excluded  customer keys not to list tonight ({@link DoNotCall}, {@link CoolDown})
     * @param stores    {@code core.dim_store}
     */
    public static Dataset<Row> candidates(Dataset<Row> scores, Dataset<Row> features, Dataset<Row> customers,
                                          Dataset<Row> vehicles, Dataset<Row> excluded, Dataset<Row> stores) {
        Dataset<Row> callable = customers.select("customer_key", "name", "phone").join(excluded, "customer_key", "left_anti");
        return scores.join(callable, "customer_key")
                .join(features.select("customer_key", "days_since_last_visit", "unresolved_complaints", "maintenance_overdue_days",
                        "newest_vehicle_age_years", "days_to_insurance_renewal", "days_to_inspection", "days_to_birthday"), "customer_key")
                .join(newestVehicle(vehicles), "customer_key", "left")
                .join(stores.select(col("store_id").as("home_store_id"), col("calling_capacity")), "home_store_id");
    }

    /**
     * Every list of tonight, in the columns of {@code marts.retention_list}. The lists are drawn in
     * {@link ListType} order in one pass over the candidates: each is ranked among the customers
     * still free for it, all in windows over the store, so Spark shuffles the candidates once.
     */
    public static Dataset<Row> build(LocalDate date, Dataset<Row> candidates, boolean chinese) {
        Column lost = col("loyalty_class").equalTo("lost");
        Column retention = col("r_" + ListType.RETENTION.id());
        Column winBack = col("r_" + ListType.WIN_BACK.id());
        Column nurture = col("r_" + ListType.NURTURE.id());
        Dataset<Row> drawn = candidates
                .withColumn("r_" + ListType.RETENTION.id(), rankAmong(not(lost), col("value_at_risk").desc()))
                // A lost customer is worth what they would bring back, times the chance that they come.
                .withColumn("r_" + ListType.WIN_BACK.id(),
                        rankAmong(lost, lit(1).minus(col("churn_probability")).multiply(col("expected_value_12m")).desc()))
                .withColumn("r_" + ListType.NURTURE.id(),
                        rankAmong(not(lost).and(col("lifecycle_class").equalTo("A")).and(not(listed(retention))), col("value_at_risk").desc()))
                .withColumn("r_" + ListType.REPURCHASE.id(), rankAmong(col("repurchase_probability").isNotNull()
                        .and(not(listed(retention).or(listed(winBack)).or(listed(nurture)))), col("repurchase_probability").desc()));
        Column listType = lit(null).cast("string");
        Column rank = lit(null).cast("int");
        for (ListType type : List.of(ListType.REPURCHASE, ListType.NURTURE, ListType.WIN_BACK, ListType.RETENTION)) {
            Column r = col("r_" + type.id());
            listType = when(listed(r), lit(type.id())).otherwise(listType);
            rank = when(listed(r), r).otherwise(rank);
        }
        Text text = new Text(chinese, date);
        return rows(drawn.withColumn("list_type", listType).withColumn("rank", rank).filter(col("list_type").isNotNull()), text);
    }

    /** Each customer's rank in their store among the customers {@code eligible} for a list; null for the others. */
    private static Column rankAmong(Column eligible, Column order) {
        Column first = when(eligible, 0).otherwise(1);
        return when(eligible, row_number().over(Window.partitionBy("home_store_id")
                .orderBy(first, order, col("churn_probability").desc(), col("customer_key"))));
    }

    private static Column listed(Column rank) {
        return coalesce(rank.leq(col("calling_capacity")), lit(false));
    }

    /** The customer's newest vehicle as staff recognise it: brand, model and plate. */
    private static Dataset<Row> newestVehicle(Dataset<Row> vehicles) {
        return vehicles.filter(col("customer_key").isNotNull())
                .withColumn("n", row_number().over(Window.partitionBy("customer_key")
                        .orderBy(col("purchase_date").desc_nulls_last(), col("vin"))))
                .filter(col("n").equalTo(1))
                .select(col("customer_key"), concat_ws(" ", col("brand"), col("model"), col("plate")).as("vehicle"));
    }

    /**
     * The list rows: for each list, the first of its occasions that applies gives the reason,
     * action, channel and due date.
     */
    private static Dataset<Row> rows(Dataset<Row> drawn, Text text) {
        java.util.Map<ListType, List<Occasion>> occasions = new java.util.EnumMap<>(ListType.class);
        occasions.put(ListType.RETENTION, text.careOccasions(text.pair("流失风险上升", "churn risk rising"), "care_call",
                text.pair("关怀回访", "care call")));
        occasions.put(ListType.NURTURE, text.careOccasions(text.pair("新客户尚未稳定", "new customer, not yet a regular"),
                "new_customer_care", text.pair("新客关怀", "new-customer care call")));
        occasions.put(ListType.WIN_BACK, List.of(new Occasion("win_back_offer", lit(true),
                text.concat(List.of(lit("已"), col("days_since_last_visit"), lit("天未到店")),
                        List.of(lit("no visit for "), col("days_since_last_visit"), lit(" days"))),
                text.pair("召回优惠", "win-back offer"), Channel.PHONE, null)));
        occasions.put(ListType.REPURCHASE, List.of(new Occasion("repurchase_offer", lit(true),
                coalesce(text.concat(List.of(lit("车龄"), format_number(col("newest_vehicle_age_years"), 1), lit("年")),
                                List.of(lit("vehicle "), format_number(col("newest_vehicle_age_years"), 1), lit(" years old"))),
                        text.pair("购车意向较高", "likely to buy")),
                text.pair("置换/增购咨询", "trade-in or second-car offer"), Channel.PHONE, null)));
        Column reason = lit(null).cast("string");
        Column action = lit(null).cast("string");
        Column actionCode = lit(null).cast("string");
        Column channel = lit(null).cast("string");
        Column due = lit(null).cast("date");
        for (java.util.Map.Entry<ListType, List<Occasion>> list : occasions.entrySet()) {
            Column onList = col("list_type").equalTo(list.getKey().id());
            List<Occasion> os = list.getValue();
            for (int i = os.size() - 1; i >= 0; i--) {
                Occasion o = os.get(i);
                Column applies = onList.and(o.applies());
                reason = when(applies, o.reason()).otherwise(reason);
                action = when(applies, o.action()).otherwise(action);
                actionCode = when(applies, lit(o.code())).otherwise(actionCode);
                channel = when(applies, lit(o.channel().code())).otherwise(channel);
                due = when(applies, o.due() == null ? lit(null).cast("date") : o.due()).otherwise(due);
            }
        }
        // The model's reasons explain churn risk, which is not why a repurchase candidate is called.
        Column reasons = when(col("list_type").notEqual(ListType.REPURCHASE.id()), col(text.chinese() ? "reasons_zh" : "reasons_en"));
        return drawn.select(
                col("snapshot_date"),
                col("home_store_id").as("store_id"),
                col("rank"),
                col("customer_key"), col("name"), col("phone"),
                round(col("churn_probability"), 4).as("churn_probability"),
                round(col("value_at_risk"), 2).as("value_at_risk"),
                col("days_since_last_visit"),
                reason.as("reason"),
                action.as("action"),
                col("model_version"),
                col("list_type"),
                col("vehicle"),
                date_add(col("snapshot_date"), col("days_since_last_visit").multiply(-1)).as("last_visit_date"),
                round(col("expected_value_12m"), 2).as("expected_value_12m"),
                round(col("repurchase_probability"), 4).as("repurchase_probability"),
                col("loyalty_class"),
                col("lifecycle_class"),
                col("tier"),
                reasons.as("reasons"),
                channel.as("channel"),
                due.as("due_date"),
                actionCode.as("action_code"));
    }

    /**
     * {@code columns} of the list as a store's file shows them: the codes of loyalty class, lifecycle
     * class, tier and channel in words of the configured language. The mart keeps the codes, as
     * {@code marts.customer_scores} does, so BI joins and filters on them whatever the language.
     */
    public static Column[] displayed(List<String> columns, boolean chinese) {
        Text text = new Text(chinese, null);
        return columns.stream().map(c -> switch (c) {
            case "loyalty_class" -> text.loyalty(col(c)).as(c);
            case "lifecycle_class" -> text.lifecycle(col(c)).as(c);
            case "tier" -> text.tier(col(c)).as(c);
            case "channel" -> text.channel(col(c)).as(c);
            case "list_type" -> text.listType(col(c)).as(c);
            default -> col(c);
        }).toArray(Column[]::new);
    }

    /** How the store reaches the customer for an action. */
    enum Channel {
        PHONE("电话", "phone"), SMS("短信", "SMS"), WECHAT("微信", "WeChat");

        final String chinese;
        final String english;

        Channel(String chinese, String english) {
            this.chinese = chinese;
            this.english = english;
        }

        /** The channel's code in the mart. */
        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A reason to call: the code of its action (the mart's {@code action_code}, the same in every
     * language), when it applies, the words for it, the action, the channel and the date it is due (or null).
     */
    record Occasion(String code, Column applies, Column reason, Column action, Channel channel, Column due) { }

    /**
     * Words in the configured language, and the occasions of a care call, which both care lists share.
     *
     * @param date the night, for the occasions' due dates; null where only codes are put into words
     */
    record Text(boolean chinese, LocalDate date) {

        Column pair(String zh, String en) {
            return lit(chinese ? zh : en);
        }

        Column concat(List<Column> zh, List<Column> en) {
            return org.apache.spark.sql.functions.concat((chinese ? zh : en).toArray(Column[]::new));
        }

        Column channel(Column code) {
            return translate(code, codesAndWords(Channel.values(), Channel::code, c -> c.chinese, c -> c.english));
        }

        Column listType(Column code) {
            return translate(code, codesAndWords(ListType.values(), ListType::id, t -> t.title(true), t -> t.title(false)));
        }

        /** Each value's code, Chinese and English, as {@link #translate} takes them. */
        private static <T> String[] codesAndWords(T[] values, java.util.function.Function<T, String> code,
                                                  java.util.function.Function<T, String> zh, java.util.function.Function<T, String> en) {
            return java.util.Arrays.stream(values).flatMap(v -> java.util.stream.Stream.of(code.apply(v), zh.apply(v), en.apply(v)))
                    .toArray(String[]::new);
        }

        Column loyalty(Column code) {
            return translate(code, "loyal", "忠诚", "loyal", "general", "一般", "general", "marginal", "边缘", "marginal",
                    "lost", "流失", "lost");
        }

        Column lifecycle(Column code) {
            return translate(code, "A", "A 新客培育", "A new, not yet stable", "B", "B 稳定客户风险上升", "B stable, rising risk");
        }

        Column tier(Column code) {
            return translate(code, "regular", "普通", "regular", "vip", "VIP", "VIP", "premier", "尊享", "premier",
                    "fleet", "车队", "fleet");
        }

        /** {@code codeZhEn} is code, Chinese, English, repeated; an unknown code shows as it is. */
        private Column translate(Column code, String... codeZhEn) {
            Column text = code;
            for (int i = codeZhEn.length - 3; i >= 0; i -= 3) {
                text = when(code.equalTo(codeZhEn[i]), lit(chinese ? codeZhEn[i + 1] : codeZhEn[i + 2])).otherwise(text);
            }
            return text;
        }

        /**
         * The occasions of a care call, most pressing first, ending with {@code reason} and
         * {@code action} (coded {@code code}) for a customer with none of them.
         */
        List<Occasion> careOccasions(Column reason, String code, Column action) {
            Column today = lit(Date.valueOf(date));
            Column overdue = col("maintenance_overdue_days");
            return List.of(
                    new Occasion("complaint_follow_up", col("unresolved_complaints").gt(0), pair("未解决的投诉", "unresolved complaint"),
                            pair("投诉回访", "complaint follow-up"), Channel.PHONE, null),
                    new Occasion("maintenance_reminder", overdue.geq(-NOTICE_DAYS),
                            when(overdue.gt(0), pair("保养已逾期", "maintenance overdue")).otherwise(pair("保养即将到期", "maintenance due soon")),
                            pair("保养提醒", "maintenance reminder"), Channel.PHONE, date_add(today, round(overdue).cast("int").multiply(-1))),
                    new Occasion("insurance_renewal", col("days_to_insurance_renewal").leq(NOTICE_DAYS), pair("保险即将到期", "insurance expiring"),
                            pair("续保提醒", "insurance renewal"), Channel.PHONE, date_add(today, col("days_to_insurance_renewal"))),
                    new Occasion("inspection_reminder", col("days_to_inspection").leq(NOTICE_DAYS), pair("年检即将到期", "inspection due"),
                            pair("年检提醒", "inspection reminder"), Channel.SMS, date_add(today, col("days_to_inspection"))),
                    new Occasion("birthday_care", col("days_to_birthday").leq(BIRTHDAY_NOTICE_DAYS), pair("生日临近", "birthday coming"),
                            pair("生日关怀", "birthday care"), Channel.WECHAT, date_add(today, col("days_to_birthday"))),
                    new Occasion("vip_visit", col("tier").isin("vip", "premier"), pair("高价值客户", "high-value customer"),
                            pair("VIP专属邀约", "VIP visit"), Channel.PHONE, null),
                    new Occasion(code, lit(true), reason, action, Channel.PHONE, null));
        }
    }
}
