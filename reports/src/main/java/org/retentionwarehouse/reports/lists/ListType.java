package org.retentionwarehouse.reports.lists;

import java.util.Locale;

/**
 * The call lists published each night, one file pair per store each, in the order a customer is
 * placed: someone on an earlier list is not put on a later one the same night, so no customer gets
 * two calls from the group in one day.
 */
public enum ListType {
    /** Active customers at risk, by value at risk: the customer-care team's daily calls. */
    RETENTION("客户挽留", "retention"),
    /** Lost customers (no visit or purchase for {@code lost_months}), by the value a return would bring. */
    WIN_BACK("流失召回", "win-back"),
    /** New customers not yet stable (lifecycle class A), by value at risk. */
    NURTURE("新客培育", "nurturing"),
    /** Customers likely to buy a vehicle within the repurchase window, for the sales team. */
    REPURCHASE("增购置换", "repurchase");

    private final String chinese;
    private final String english;

    ListType(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    /** The {@code list_type} value in {@code marts.retention_list} and the file name prefix, e.g. {@code win_back}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The list whose code ({@link #id}) or name in either language {@code shown} is. */
    public static ListType of(String shown) {
        for (ListType type : values()) {
            if (type.id().equals(shown) || type.chinese.equals(shown) || type.english.equals(shown)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no list is called '" + shown + "'");
    }

    /** The list's name as staff read it (a worksheet's name). */
    public String title(boolean chinese) {
        return chinese ? this.chinese : english;
    }
}
