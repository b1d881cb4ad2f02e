package org.retentionwarehouse.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.retentionwarehouse.warehouse.table.Tables;

/**
 * One customer's features worked out by hand: the home store of a tie, maintenance delays against
 * the schedule, complaints open and resolved, the last survey of a day, and who is active.
 */
class CustomerHistoryTest {

    static final LocalDate T = LocalDate.of(2026, 6, 30);
    static final CustomerHistory.Snapshot AT_T = snapshot(T, 24);

    private final List<Row> rows = new ArrayList<>();

    @Test
    void aCustomersFeaturesAtTAreTheRulesWorkedOutByHand() {
        profile(true, LocalDate.of(1980, 7, 10));
        // A car bought in S1 with a model year two years older, then three maintenances: on time by
        // distance, then 35 days late (the year passed before 10,000 km), and one after T.
        sale("S1", "V1", T.minusDays(900), 2022);
        service("S1", "V1", T.minusDays(700), 1_000, CustomerEvents.MAINTENANCE);
        service("S2", "V1", T.minusDays(500), 11_000, CustomerEvents.MAINTENANCE);
        service("S2", "V1", T.minusDays(100), 13_000, CustomerEvents.MAINTENANCE);
        service("S1", "V1", T.plusDays(10), 20_000, CustomerEvents.MAINTENANCE);
        // The last day's visits in two stores: the higher id is home.
        service("S1", "V1", T.minusDays(20), null, CustomerEvents.REPAIR);
        service("S3", "V1", T.minusDays(20), null, CustomerEvents.REPAIR);
        contact(CustomerEvents.COMPLAINT, T.minusDays(40), null, null);
        contact(CustomerEvents.COMPLAINT, T.minusDays(30), T.minusDays(25), null);
        contact(CustomerEvents.COMPLAINT, T.minusDays(60), T.plusDays(1), null);
        contact(CustomerEvents.SURVEY, T.minusDays(19), null, 3);
        contact(CustomerEvents.SURVEY, T.minusDays(19), null, 5);
        contact(CustomerEvents.SURVEY, T.plusDays(3), null, 1);

        CustomerHistory.Features features = new CustomerHistory("C1", rows).at(AT_T);

        assertThat(features.active()).isTrue();
        assertThat(value(features, "home_store_id")).isEqualTo("S3");
        assertThat(value(features, "days_since_last_visit")).isEqualTo(20);
        assertThat(value(features, "service_visits_24m")).isEqualTo(5);
        assertThat(value(features, "maintenance_visits_24m")).isEqualTo(3);
        assertThat(value(features, "repair_visits_24m")).isEqualTo(2);
        assertThat(value(features, "stores_visited_24m")).isEqualTo(3);
        // 200 days after the purchase at 1,000 km: due by time after 183 days (17 late); 200 days and
        // 10,000 km: due by distance on the day it came (0); 400 days and 2,000 km: 35 days late.
        assertThat((Double) value(features, "maintenance_delay_days")).isCloseTo(52.0 / 3, within(1e-9));
        assertThat(value(features, "complaints_24m")).isEqualTo(3);
        assertThat(value(features, "unresolved_complaints")).isEqualTo(2);
        assertThat(value(features, "oldest_open_complaint_days")).isEqualTo(60);
        assertThat(value(features, "quick_resolved_complaints_24m")).isEqualTo(1);
        assertThat(value(features, "last_survey_score")).isEqualTo(5.0);
        assertThat(value(features, "mean_survey_score")).isEqualTo(4.0);
        assertThat(value(features, "vehicles")).isEqualTo(1);
        assertThat(value(features, "commercial")).isEqualTo(1);
        assertThat(new CustomerHistory("C1", rows).currentProfile()).containsExactly("vip", "commercial");
        assertThat(value(features, "days_to_birthday")).isEqualTo(10);
        assertThat((Double) value(features, "newest_vehicle_age_years")).isCloseTo(900 / 365.25 + 2, within(1e-9));
        assertThat(value(features, "in_warranty")).isEqualTo(0);
        // Four visit days up to T (the two on T-20 are one), 100.00 a visit.
        assertThat(features.visits()).isEqualTo(new CustomerHistory.Visits(4, 680, 700, 50_000, 10_000));
    }

    @Test
    void aCustomerWithVisitsOnlyBeforeTheWindowIsNotActiveButCountsForTheLifetimeValue() {
        service("S1", "V1", T.minusYears(3), 5_000, CustomerEvents.MAINTENANCE);
        contact(CustomerEvents.SURVEY, T.minusDays(5), null, 4);
        CustomerHistory.Features features = new CustomerHistory("C2", rows).at(AT_T);
        assertThat(features.active()).isFalse();
        assertThat(features.visits().days()).isEqualTo(1);
        // A buyer who never came to the workshop is active, with nothing to fit a lifetime value to.
        rows.clear();
        sale("S1", "V2", T.minusDays(10), 2026);
        CustomerHistory.Features buyer = new CustomerHistory("C3", rows).at(AT_T);
        assertThat(buyer.active()).isTrue();
        assertThat(buyer.visits()).isNull();
        // Before any event there is no row at all.
        assertThat(new CustomerHistory("C3", rows).at(snapshot(T.minusDays(11), 24))).isNull();
    }

    @Test
    void aCarFirstSeenLongAfterItsPurchaseIsDueAYearAfterThatVisitNotSinceThePurchase() {
        // Bought 900 days before T, first at the workshop 100 days before T for a repair: nothing is
        // known of its maintenance before, so it is due 10,000 km after that visit at the default 42 km
        // a day (238 days), not yet due; not 5,000 km after the purchase, 781 days late.
        service("S1", "V1", T.minusDays(100), null, CustomerEvents.REPAIR);
        CustomerHistory.Features seenLate = new CustomerHistory("C4", rows).at(AT_T);
        assertThat((Double) value(seenLate, "maintenance_overdue_days")).isCloseTo(100 - 10_000 / 42.0, within(1e-9));
        // Seen within its first interval, it is due from the purchase.
        rows.clear();
        service("S1", "V1", T.minusDays(800), null, CustomerEvents.REPAIR);
        CustomerHistory.Features seenEarly = new CustomerHistory("C5", rows).at(snapshot(T, 36));
        assertThat((Double) value(seenEarly, "maintenance_overdue_days")).isCloseTo(900 - 5_000 / 42.0, within(1e-9));
    }

    @Test
    void aCarNotSeenSinceTheNextPurchaseNoLongerDrivesRemindersUntilItComesBack() {
        // V1 last maintained 500 days before T, then V2 bought and maintained: V1 was traded in, so
        // the maintenance due is V2's, 238 days after its visit at the default 42 km a day.
        sale("S1", "V1", T.minusDays(800), 2024);
        service("S1", "V1", T.minusDays(500), 8_000, CustomerEvents.MAINTENANCE);
        sale("S1", "V2", T.minusDays(200), 2026);
        service("S1", "V2", T.minusDays(20), 4_000, CustomerEvents.MAINTENANCE);
        CustomerHistory.Features tradedIn = new CustomerHistory("C11", rows).at(AT_T);
        assertThat((Double) value(tradedIn, "maintenance_overdue_days")).isCloseTo(20 - 10_000 / 42.0, within(1e-9));
        assertThat((Double) value(tradedIn, "estimated_mileage_km")).isCloseTo(4_000 + 20 * 42, within(1e-9));
        assertThat(value(tradedIn, "vehicles")).isEqualTo(2);
        // Before the purchase V1 was the customer's car, 12 days overdue.
        CustomerHistory.Features before = new CustomerHistory("C11", rows).at(snapshot(T.minusDays(250), 24));
        assertThat((Double) value(before, "maintenance_overdue_days")).isCloseTo(250 - 10_000 / 42.0, within(1e-9));
        // A kept car back at the workshop counts again: 500 days since its maintenance.
        service("S2", "V1", T.minusDays(10), null, CustomerEvents.REPAIR);
        CustomerHistory.Features kept = new CustomerHistory("C11", rows).at(AT_T);
        assertThat((Double) value(kept, "maintenance_overdue_days")).isCloseTo(500 - 10_000 / 42.0, within(1e-9));
        // Unless the group sold it to another customer since: then it is theirs, but not before the sale.
        List<Row> resold = soldOn("V1", T.minusDays(5));
        assertThat((Double) value(new CustomerHistory("C11", resold).at(AT_T), "maintenance_overdue_days"))
                .isCloseTo(20 - 10_000 / 42.0, within(1e-9));
        assertThat((Double) value(new CustomerHistory("C11", resold).at(snapshot(T.minusDays(6), 24)),
                "maintenance_overdue_days")).isCloseTo(494 - 10_000 / 42.0, within(1e-9));
    }

    @Test
    void aPurchaseRetiresAtMostOneCarHeldForMonthsAndNoneOfAFleet() {
        // Two cars held for a year or more, last seen 400 and 300 days before T, then a third bought: it
        // replaced the one seen least recently, so the maintenance due is the other's, 300 - 238 days overdue.
        service("S1", "V1", T.minusDays(400), null, CustomerEvents.REPAIR);
        service("S1", "V3", T.minusDays(700), null, CustomerEvents.MAINTENANCE);
        service("S1", "V3", T.minusDays(300), null, CustomerEvents.MAINTENANCE);
        sale("S1", "V2", T.minusDays(100), 2026);
        CustomerHistory.Features twoCars = new CustomerHistory("C12", rows).at(AT_T);
        assertThat((Double) value(twoCars, "maintenance_overdue_days")).isCloseTo(300 - 10_000 / 42.0, within(1e-9));
        // A fleet keeps all its cars: V1, first seen 400 days before T and without a maintenance, is due
        // a year after that visit (400 - 238), the most overdue.
        profile(true, null);
        CustomerHistory.Features fleet = new CustomerHistory("C12", rows).at(AT_T);
        assertThat((Double) value(fleet, "maintenance_overdue_days")).isCloseTo(400 - 10_000 / 42.0, within(1e-9));
        // Nobody trades in a car bought weeks before: a second car bought 50 days after the first keeps both.
        rows.clear();
        sale("S1", "V1", T.minusDays(100), 2026);
        sale("S1", "V2", T.minusDays(50), 2026);
        CustomerHistory.Features secondCar = new CustomerHistory("C13", rows).at(AT_T);
        assertThat((Double) value(secondCar, "maintenance_overdue_days")).isCloseTo(100 - 5_000 / 42.0, within(1e-9));
    }

    @Test
    void aCarBoughtOutRetiresNoneAndARetiredCarStaysSoAsTheWindowMovesOn() {
        // V2 driven 20 km a day, last seen 500 days before T; then the customer buys out V1, a car they
        // already had: it replaces nothing, so V2 still gives the mileage at T.
        service("S1", "V1", T.minusDays(700), null, CustomerEvents.REPAIR);
        service("S1", "V2", T.minusDays(600), 10_000, CustomerEvents.REPAIR);
        service("S1", "V2", T.minusDays(500), 12_000, CustomerEvents.REPAIR);
        sale("S1", "V1", T.minusDays(100), 2022);
        assertThat((Double) value(new CustomerHistory("C14", rows).at(AT_T), "estimated_mileage_km"))
                .isCloseTo(12_000 + 20 * 500, within(1e-9));
        // Old last seen 26 months before T, Mid 14 months, then a new car: the purchase retired Old, as it
        // did while Old was still in the active window, and Mid keeps giving the mileage.
        rows.clear();
        service("S1", "OLD", T.minusMonths(40), null, CustomerEvents.REPAIR);
        service("S1", "OLD", T.minusMonths(26), null, CustomerEvents.REPAIR);
        service("S1", "MID", T.minusMonths(30), 10_000, CustomerEvents.REPAIR);
        service("S1", "MID", T.minusMonths(14), 20_000, CustomerEvents.REPAIR);
        sale("S1", "NEW", T.minusMonths(12), 2025);
        double rate = 10_000.0 / (T.minusMonths(14).toEpochDay() - T.minusMonths(30).toEpochDay());
        assertThat((Double) value(new CustomerHistory("C15", rows).at(AT_T), "estimated_mileage_km"))
                .isCloseTo(20_000 + rate * (T.toEpochDay() - T.minusMonths(14).toEpochDay()), within(1e-6));
    }

    @Test
    void howPromptlyMaintenanceFollowsItsDueDateAndSurveysAgainstTheStoreAreWorkedOutByHand() {
        // A new car maintained 200 days after its purchase at 3,000 km (due by time after 183 days: 17
        // late, on time), then 500 days and 10,000 km later (due after 365 days: 135 late).
        sale("S1", "V1", T.minusDays(1000), 2022, CustomerEvents.OTHER);
        service("S1", "V1", T.minusDays(800), 3_000, CustomerEvents.MAINTENANCE);
        service("S1", "V1", T.minusDays(300), 13_000, CustomerEvents.MAINTENANCE);
        service("S1", "V1", T.minusDays(100), null, CustomerEvents.INSPECTION_VISIT);
        // A survey a week after a visit while a complaint about it was open: it lost a point to the
        // complaint, and is as good as the store's usual 4 before it; a later one is a point above
        // the store's 4 before it, whatever the store's scores after it. A store without surveys
        // before tells nothing.
        contact("S1", CustomerEvents.COMPLAINT, T.minusDays(310), T.minusDays(200), null);
        contact("S1", CustomerEvents.SURVEY, T.minusDays(290), null, 3);
        contact("S1", CustomerEvents.SURVEY, T.minusDays(50), null, 5);
        contact("S9", CustomerEvents.SURVEY, T.minusDays(40), null, 1);
        StoreSurveyMeans means = StoreSurveyMeans.of(List.of(new StoreSurveyMeans.StoreDay("S1", day(T.minusDays(400)), 36, 9),
                new StoreSurveyMeans.StoreDay("S1", day(T.minusDays(290)), 4, 1),
                new StoreSurveyMeans.StoreDay("S1", day(T.minusDays(50)), 5, 1),
                new StoreSurveyMeans.StoreDay("S1", day(T.minusDays(10)), 2, 2),
                new StoreSurveyMeans.StoreDay("S9", day(T.minusDays(40)), 1, 1)));
        CustomerHistory.Snapshot atT = CustomerHistory.Snapshot.of(T, 24, means);

        CustomerHistory.Features features = new CustomerHistory("C16", rows).at(atT);
        // One on time of two, smoothed towards a half: (1 + 1) / (2 + 2).
        assertThat((Double) value(features, "maintenance_on_time_share")).isCloseTo(0.5, within(1e-9));
        assertThat((Double) value(features, "prompt_maintenance_delay_days")).isCloseTo(17, within(1e-9));
        assertThat((Double) value(features, "survey_score_vs_store")).isCloseTo(0.5, within(1e-9));
        assertThat(value(features, "inspection_visits_24m")).isEqualTo(1);
        assertThat(value(features, "days_since_alive_evidence")).isEqualTo(100);
        // A question to the store is a sign of life too.
        contact("S1", CustomerEvents.CONSULTATION, T.minusDays(30), null, null);
        assertThat(value(new CustomerHistory("C16", rows).at(atT), "days_since_alive_evidence")).isEqualTo(30);
        assertThat((Double) value(features, "late_maintenance_days")).isCloseTo(135, within(1e-9));
        // 250 days later, at 20 km a day the car was due 185 days ago and has not come: a third chance
        // missed, and late by 185 days so far.
        CustomerHistory.Features later = new CustomerHistory("C16", rows).at(CustomerHistory.Snapshot.of(T.plusDays(250), 24, means));
        assertThat((Double) value(later, "maintenance_on_time_share")).isCloseTo(2.0 / 5, within(1e-9));
        assertThat((Double) value(later, "late_maintenance_days")).isCloseTo((135 + 185) / 2.0, within(1e-9));
        // A survey's comparison is fixed once it is given: the store's later scores do not move it.
        assertThat((Double) value(later, "survey_score_vs_store")).isCloseTo(0.5, within(1e-9));

        // A used car's mileage at its purchase is not on record: its first maintenance is not held against a schedule.
        rows.clear();
        sale("S1", "V1", T.minusDays(600), 2018, CustomerEvents.USED);
        service("S1", "V1", T.minusDays(400), 63_000, CustomerEvents.MAINTENANCE);
        CustomerHistory.Features used = new CustomerHistory("C17", rows).at(atT);
        assertThat(value(used, "maintenance_delay_days")).isNull();
        assertThat(value(used, "prompt_maintenance_delay_days")).isNull();
    }

    @Test
    void aComplaintStillOpenCountsHoweverOldItIs() {
        service("S1", "V1", T.minusDays(30), null, CustomerEvents.REPAIR);
        contact(CustomerEvents.COMPLAINT, T.minusDays(800), null, null);
        contact(CustomerEvents.COMPLAINT, T.minusDays(900), T.minusDays(890), null);
        CustomerHistory.Features features = new CustomerHistory("C6", rows).at(AT_T);
        assertThat(value(features, "complaints_24m")).isEqualTo(0);
        assertThat(value(features, "unresolved_complaints")).isEqualTo(1);
        assertThat(value(features, "oldest_open_complaint_days")).isEqualTo(800);
    }

    @Test
    void regularitySalesValueMileageAndResolutionTimesAreWorkedOutByHand() {
        // Workshop visits 300, 200 and 0 days before T (two on the last day are one): intervals of 100
        // and 200 days, mean 150 and standard deviation 50. A visit before the window does not count.
        service("S1", "V1", T.minusDays(900), 10_000, CustomerEvents.MAINTENANCE);
        service("S1", "V1", T.minusDays(300), 20_000, CustomerEvents.MAINTENANCE);
        service("S1", "V1", T.minusDays(200), null, CustomerEvents.REPAIR);
        service("S1", "V1", T, 25_000, CustomerEvents.REPAIR);
        service("S1", "V1", T, null, CustomerEvents.REPAIR);
        service("S1", "V1", T.plusDays(50), 30_000, CustomerEvents.MAINTENANCE);
        // A second car, read once at 60,000 km on the day of the visit 200 days ago: driven on since at
        // the default 42 km a day.
        service("S1", "V2", T.minusDays(200), 60_000, CustomerEvents.REPAIR);
        // Two cars bought in the window (200,000.00 each), one before it; V1 and V2 came after them.
        sale("S1", "V3", T.minusDays(300), 2026);
        sale("S1", "V4", T.minusDays(400), 2025);
        sale("S1", "V5", T.minusDays(1000), 2023);
        // Complaints resolved in 4 and 30 days, one still open, one resolved after T, one before the window.
        contact(CustomerEvents.COMPLAINT, T.minusDays(50), T.minusDays(46), null);
        contact(CustomerEvents.COMPLAINT, T.minusDays(90), T.minusDays(60), null);
        contact(CustomerEvents.COMPLAINT, T.minusDays(10), null, null);
        contact(CustomerEvents.COMPLAINT, T.minusDays(20), T.plusDays(5), null);
        contact(CustomerEvents.COMPLAINT, T.minusDays(800), T.minusDays(700), null);

        CustomerHistory.Features features = new CustomerHistory("C7", rows).at(AT_T);

        assertThat((Double) value(features, "visit_interval_cv")).isCloseTo(50.0 / 150, within(1e-9));
        assertThat(value(features, "sales_spend_24m")).isEqualTo(400_000.0);
        // V1 was read at 25,000 km on T; V2 is at 60,000 + 200 x 42.
        assertThat((Double) value(features, "estimated_mileage_km")).isCloseTo(68_400, within(1e-9));
        assertThat((Double) value(features, "mean_resolution_days_24m")).isCloseTo(17.0, within(1e-9));
        assertThat(value(features, "quick_resolved_complaints_24m")).isEqualTo(1);

        // Two visit days in the window give one interval: no measure of regularity.
        rows.clear();
        service("S1", "V1", T.minusDays(300), null, CustomerEvents.REPAIR);
        service("S1", "V1", T.minusDays(100), null, CustomerEvents.REPAIR);
        CustomerHistory.Features twoVisits = new CustomerHistory("C8", rows).at(AT_T);
        assertThat(value(twoVisits, "visit_interval_cv")).isNull();
        assertThat(value(twoVisits, "estimated_mileage_km")).isNull();
        assertThat(value(twoVisits, "mean_resolution_days_24m")).isNull();
        assertThat(value(twoVisits, "sales_spend_24m")).isEqualTo(0.0);
    }

    @Test
    void theTwentyFourMonthColumnsCountTwoYearsWhateverTheActiveWindow() {
        // With a three-year active window, a maintenance 30 months before T keeps the customer active
        // and their car followed, but it is not among the last 24 months' visits, stores or spend.
        service("S1", "V1", T.minusMonths(30), 10_000, CustomerEvents.MAINTENANCE);
        CustomerHistory.Features features = new CustomerHistory("C9", rows).at(snapshot(T, 36));
        assertThat(features.active()).isTrue();
        assertThat(value(features, "service_visits_24m")).isEqualTo(0);
        assertThat(value(features, "service_spend_24m")).isEqualTo(0.0);
        assertThat(value(features, "maintenance_visits_24m")).isEqualTo(0);
        assertThat(value(features, "stores_visited_24m")).isEqualTo(0);
        assertThat(value(features, "vehicles")).isEqualTo(1);
        assertThat(value(features, "days_since_last_visit")).isEqualTo((int) (T.toEpochDay() - T.minusMonths(30).toEpochDay()));
        // With the default two-year window the same customer is not active at all.
        assertThat(new CustomerHistory("C9", rows).at(AT_T).active()).isFalse();
    }

    @Test
    void aPurchaseDateAfterTIsNotKnownAtT() {
        // dim_vehicle holds a car's latest purchase. Sold on after T, the car's new purchase date must
        // not reach T's features: they are as if no purchase date were recorded.
        service("S1", "V1", T.minusDays(100), null, CustomerEvents.REPAIR);
        List<Row> resold = rows.stream().map(r -> (Row) RowFactory.create(r.getString(0), r.getByte(1), r.getInt(2), r.getString(3),
                r.getString(4), r.getLong(5), r.get(6), r.getByte(7), null, null, null, day(T.plusDays(30)), 2022, null, null, null,
                null, null, null, days(T.plusDays(30)))).toList();
        List<Row> unknown = rows.stream().map(r -> (Row) RowFactory.create(r.getString(0), r.getByte(1), r.getInt(2), r.getString(3),
                r.getString(4), r.getLong(5), r.get(6), r.getByte(7), null, null, null, null, 2022, null, null, null, null, null, null,
                null)).toList();
        CustomerHistory.Features afterT = new CustomerHistory("C10", resold).at(AT_T);
        CustomerHistory.Features none = new CustomerHistory("C10", unknown).at(AT_T);
        assertThat(afterT.columns()).containsExactly(none.columns());
        assertThat((Double) value(afterT, "newest_vehicle_age_years")).isCloseTo(100 / 365.25 + 4, within(1e-9));
        // A car the customer bought from the group is as old as that purchase, whatever dim_vehicle says
        // of a later one: bought 1,000 days before T, a 2022 model bought in 2023.
        rows.clear();
        sale("S1", "V1", T.minusDays(1000), 2022);
        service("S1", "V1", T.minusDays(100), null, CustomerEvents.REPAIR);
        List<Row> boughtHereResoldAfterT = rows.stream().map(r -> (Row) RowFactory.create(r.getString(0), r.getByte(1), r.getInt(2),
                r.getString(3), r.getString(4), r.getLong(5), r.get(6), r.getByte(7), null, null, null, day(T.plusDays(30)), 2022,
                null, null, null, null, null, null, null)).toList();
        assertThat((Double) value(new CustomerHistory("C10", boughtHereResoldAfterT).at(AT_T), "newest_vehicle_age_years"))
                .isCloseTo(1000 / 365.25 + 1, within(1e-9));
    }

    /** A snapshot before any store had a survey. */
    private static CustomerHistory.Snapshot snapshot(LocalDate t, int activeMonths) {
        return CustomerHistory.Snapshot.of(t, activeMonths, StoreSurveyMeans.of(List.of()));
    }

    private static Object value(CustomerHistory.Features features, String column) {
        return features.columns()[Tables.CUSTOMER_FEATURES.schema().fieldIndex(column)];
    }

    private void service(String store, String vin, LocalDate day, Integer km, byte type) {
        rows.add(RowFactory.create("C", CustomerEvents.SERVICE, day(day), store, vin, 10_000L, km, type, null, null, null,
                day(T.minusDays(900)), 2022, null, null, null, null, null, null, null));
    }

    private void sale(String store, String vin, LocalDate day, int modelYear) {
        sale(store, vin, day, modelYear, CustomerEvents.OTHER);
    }

    private void sale(String store, String vin, LocalDate day, int modelYear, byte type) {
        rows.add(RowFactory.create("C", CustomerEvents.SALE, day(day), store, vin, 20_000_000L, null, type, null, null, null,
                day(day), modelYear, null, null, null, null, null, null, null));
    }

    /** The customer's rows as if the group had sold {@code vin} to someone else on {@code day}. */
    private List<Row> soldOn(String vin, LocalDate day) {
        return rows.stream().map(r -> {
            Object[] values = new Object[r.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.get(i);
            }
            if (vin.equals(r.get(CustomerEvents.VIN))) {
                values[CustomerEvents.SOLD_TO_OTHERS] = days(day);
            }
            return (Row) RowFactory.create(values);
        }).toList();
    }

    /** Days as Spark holds an array column in a row. */
    private static scala.collection.Seq<Integer> days(LocalDate... days) {
        return scala.jdk.javaapi.CollectionConverters.asScala(java.util.Arrays.stream(days).map(d -> day(d)).toList()).toSeq();
    }

    private void contact(byte type, LocalDate day, LocalDate resolved, Integer score) {
        contact(null, type, day, resolved, score);
    }

    private void contact(String store, byte type, LocalDate day, LocalDate resolved, Integer score) {
        rows.add(RowFactory.create("C", CustomerEvents.CARE, day(day), store, null, null, null, type,
                resolved == null ? null : day(resolved), score, false, null, null, null, null, null, null));
    }

    private void profile(boolean commercial, LocalDate birth) {
        rows.add(RowFactory.create("C", CustomerEvents.PROFILE, null, null, null, null, null, null, null, null, null,
                null, null, null, null, commercial, birth == null ? null : day(birth), "vip", commercial ? "commercial" : "private"));
    }

    private static int day(LocalDate date) {
        return (int) date.toEpochDay();
    }
}
