package org.retentionwarehouse.scoring.features;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * One customer's events ({@link CustomerEvents} rows) and the features they give at a snapshot T.
 * Each snapshot's features are a fold over the events on or before T only, so nothing after T can
 * reach them, whatever else the history holds; days are counted since 1970-01-01.
 *
 * <ul>
 *   <li>Activity: recency, frequency and value of workshop visits and purchases in the last 24
 *       months (the {@code _24m} columns, whatever the active window), and how regular the visits
 *       are; maintenance against other visits (repairs and accidents go to the dealer by choice);
 *       the stores visited and the home store, the one of the last event. A customer is active with
 *       an event in the active window.
 *   <li>Vehicles seen in the active window: the mileage rate from each one's readings and how late
 *       each maintenance came against the schedule (by time or distance, whichever first). Of those
 *       the customer still has at T, the mileage each gives at T, how overdue the next maintenance
 *       is, the newest one's age, and the days to the next insurance renewal and inspection. Only a
 *       recorded date's place in its yearly (or two-yearly) cycle is used: a date recorded after a
 *       later renewal says as much about T as the one recorded before it. A car a later purchase
 *       most likely replaced ({@link #replaced}) is no longer the customer's, nor is one the group
 *       sold to someone else after the customer's last visit with it.
 *   <li>Care: surveys and call-back outcomes after visits, and the customer's own contacts
 *       (questions, complaints); complaints in the last 24 months, how many are still open at T and
 *       for how long, how long the resolved ones took and how many were resolved quickly. Birthday
 *       care is the store's initiative and says nothing about the customer.
 *   <li>The golden record: a commercial customer, and the days to the birthday.
 * </ul>
 */
final class CustomerHistory {

    /**
     * A snapshot, its day number, and the last days before its active window, its last two years
     * (what the {@code _24m} columns count, whatever the active window) and its last year; and the
     * stores' survey means its customers' scores are read against.
     */
    record Snapshot(Date date, int day, int activeStart, int windowStart, int yearStart, StoreSurveyMeans surveyMeans)
            implements java.io.Serializable {

        static Snapshot of(LocalDate t, int activeMonths, StoreSurveyMeans surveyMeans) {
            return new Snapshot(Date.valueOf(t), (int) t.toEpochDay(), (int) t.minusMonths(activeMonths).toEpochDay(),
                    (int) t.minusMonths(24).toEpochDay(), (int) t.minusMonths(12).toEpochDay(), surveyMeans);
        }

        boolean inActiveWindow(int date) {
            return date > activeStart;
        }

        /** In the last 24 months, which the {@code _24m} columns count. */
        boolean inWindow(int date) {
            return date > windowStart;
        }

        boolean inYear(int date) {
            return date > yearStart;
        }
    }

    /**
     * What {@code dim_vehicle} says of a VIN, and the days the group sold it to someone else
     * ({@code soldToOthers}, any order, null for none).
     */
    private record Vehicle(Integer purchased, Integer modelYear, Integer insurance, Integer inspection, List<Integer> soldToOthers) {
    }

    /** A workshop visit ({@code service}) or a vehicle sale. */
    private record Visit(boolean service, int day, String store, String vin, long cents, Integer mileage, byte type,
                         Vehicle vehicle) {

        boolean maintenance() {
            return service && type == CustomerEvents.MAINTENANCE;
        }
    }

    /** A care interaction; {@code type} as coded by {@link CustomerEvents}. */
    private record Contact(int day, String store, byte type, Integer resolved, Integer score, boolean refused) {
    }

    /** A maintenance visit's lateness against the schedule, counted from the one before it on the same vehicle. */
    private record Delay(int day, double days) {
    }

    /** The BG/NBD inputs of the workshop visits up to T: distinct visit days, their span and age, their spend. */
    record Visits(int days, int span, int age, long cents, long firstDayCents) {

        /** The summary in five columns of a row from {@code first} on, as {@link #write} puts it. */
        static Visits read(Row row, int first) {
            return new Visits(row.getInt(first), row.getInt(first + 1), row.getInt(first + 2), row.getLong(first + 3),
                    row.getLong(first + 4));
        }

        void write(Object[] row, int first) {
            row[first] = days;
            row[first + 1] = span;
            row[first + 2] = age;
            row[first + 3] = cents;
            row[first + 4] = firstDayCents;
        }
    }

    /** The features at one snapshot, in the columns of {@code marts.customer_features}, and the visits behind the lifetime value. */
    record Features(Object[] columns, boolean active, Visits visits) {
    }

    /** Maintenance schedule of the brands served: first service after 5,000 km or 183 days, then every 10,000 km or 365 days. */
    private static final double FIRST_INTERVAL_KM = 5_000;
    private static final double FIRST_INTERVAL_DAYS = 183;
    private static final double INTERVAL_KM = 10_000;
    private static final double INTERVAL_DAYS = 365;
    /** Mileage rate assumed for a vehicle without two readings (a typical private car). */
    private static final double DEFAULT_KM_PER_DAY = 42;
    private static final int QUICK_RESOLUTION_DAYS = 14;
    /**
     * A maintenance this many days after it fell due still answered the reminder: the brands' customers
     * who come when reminded book within about six weeks; the others come months later, or never.
     */
    private static final int ON_TIME_DAYS = 50;
    /** A survey is about a visit up to a week before it: a complaint open since then colours its score. */
    private static final int SURVEY_LAG_DAYS = 7;
    private static final int WARRANTY_YEARS = 3;
    /** Inspections come every two years while a car is younger than this, then every year. */
    private static final int BIENNIAL_INSPECTION_YEARS = 6;
    /** A mileage rate needs readings at least this many days apart. */
    private static final int MIN_READING_DAYS = 30;

    private final String key;
    private final List<Visit> visits = new ArrayList<>();
    private final List<Contact> contacts = new ArrayList<>();
    private final List<Delay> delays = new ArrayList<>();
    private boolean commercial;
    private Integer birth;
    private String tier;
    private String customerType;

    /** The history of the customer whose rows these are (one customer's, any order). */
    CustomerHistory(String key, List<Row> rows) {
        this.key = key;
        Map<String, List<Visit>> maintenance = new HashMap<>();
        for (Row r : rows) {
            switch (r.getByte(CustomerEvents.KIND)) {
                case CustomerEvents.SERVICE, CustomerEvents.SALE -> {
                    Visit v = new Visit(r.getByte(CustomerEvents.KIND) == CustomerEvents.SERVICE, r.getInt(CustomerEvents.DAY),
                            r.getString(CustomerEvents.STORE), r.getString(CustomerEvents.VIN), r.getLong(CustomerEvents.CENTS),
                            integer(r, CustomerEvents.MILEAGE), r.getByte(CustomerEvents.TYPE),
                            new Vehicle(integer(r, CustomerEvents.PURCHASED), integer(r, CustomerEvents.MODEL_YEAR),
                                    integer(r, CustomerEvents.INSURANCE), integer(r, CustomerEvents.INSPECTION),
                                    r.isNullAt(CustomerEvents.SOLD_TO_OTHERS) ? null : r.getList(CustomerEvents.SOLD_TO_OTHERS)));
                    visits.add(v);
                    if (v.maintenance() || !v.service() && v.vin() != null) {
                        maintenance.computeIfAbsent(v.vin(), vin -> new ArrayList<>()).add(v);
                    }
                }
                case CustomerEvents.CARE -> contacts.add(new Contact(r.getInt(CustomerEvents.DAY), r.getString(CustomerEvents.STORE),
                        r.getByte(CustomerEvents.TYPE),
                        integer(r, CustomerEvents.RESOLVED), integer(r, CustomerEvents.SCORE),
                        !r.isNullAt(CustomerEvents.REFUSED) && r.getBoolean(CustomerEvents.REFUSED)));
                case CustomerEvents.PROFILE -> {
                    commercial = !r.isNullAt(CustomerEvents.COMMERCIAL) && r.getBoolean(CustomerEvents.COMMERCIAL);
                    birth = integer(r, CustomerEvents.BIRTH);
                    tier = r.getString(CustomerEvents.TIER);
                    customerType = r.getString(CustomerEvents.CUSTOMER_TYPE);
                }
                default -> throw new IllegalStateException("unknown event kind " + r.get(CustomerEvents.KIND));
            }
        }
        // A maintenance's predecessor on the same vehicle (the maintenance or the customer's purchase of it
        // before it) comes before it, so its delay is the same at every snapshot that sees it. Two on one day:
        // the purchase first, then the lower reading, so a re-run pairs them the same way.
        Comparator<Visit> order = Comparator.comparingInt(Visit::day).thenComparing(Visit::service)
                .thenComparing(Visit::mileage, Comparator.nullsFirst(Comparator.naturalOrder()));
        for (List<Visit> vehicle : maintenance.values()) {
            vehicle.sort(order);
            for (int i = 1; i < vehicle.size(); i++) {
                Visit previous = vehicle.get(i - 1);
                Visit visit = vehicle.get(i);
                int interval = visit.day() - previous.day();
                Double scheduled = visit.service() && interval > 0 ? scheduled(previous, visit, interval) : null;
                if (scheduled != null) {
                    delays.add(new Delay(visit.day(), interval - scheduled));
                }
            }
        }
    }

    /**
     * Days from {@code previous} (a maintenance, or the purchase of a new car) to when {@code visit}, a
     * maintenance {@code interval} days later, was due: the schedule's limit by time or, at the rate
     * driven, by distance, whichever comes first. Null after a used car's purchase, whose mileage then
     * is not on record.
     */
    private static Double scheduled(Visit previous, Visit visit, int interval) {
        if (!previous.service()) {
            if (previous.type() == CustomerEvents.USED) {
                return null;
            }
            // A new car leaves the showroom with a few kilometres on it.
            return visit.mileage() != null && visit.mileage() > 0
                    ? Math.min(FIRST_INTERVAL_DAYS, interval * FIRST_INTERVAL_KM / visit.mileage()) : FIRST_INTERVAL_DAYS;
        }
        Integer driven = visit.mileage() == null || previous.mileage() == null ? null : visit.mileage() - previous.mileage();
        return driven != null && driven > 0 ? Math.min(INTERVAL_DAYS, interval * INTERVAL_KM / driven) : INTERVAL_DAYS;
    }

    /**
     * The golden record's tier and customer type as they are now, for tonight's scores. Not features:
     * they may have changed since an earlier snapshot.
     */
    String[] currentProfile() {
        return new String[] {tier, customerType};
    }

    /**
     * The features at {@code t}, or null when the customer had no workshop visit and was not active by
     * then (nothing to fit the lifetime value to, and no row to write). Only a customer with a visit or a
     * purchase in the active window is {@linkplain Features#active active}.
     */
    Features at(Snapshot t) {
        Integer lastEvent = null;
        Integer firstEvent = null;
        Integer firstVisitInWindow = null;
        Integer lastVisit = null;
        int visitsInYear = 0;
        int visitsInWindow = 0;
        int purchasesInWindow = 0;
        int maintenanceInWindow = 0;
        int repairsInWindow = 0;
        int inspectionsInWindow = 0;
        long spendInWindow = 0;
        long salesInWindow = 0;
        int homeDay = Integer.MIN_VALUE;
        String home = null;
        Set<String> storesInWindow = new HashSet<>();
        boolean active = false;
        TreeMap<Integer, Long> visitDays = new TreeMap<>();
        Map<String, VehicleSeen> vehicles = new LinkedHashMap<>();
        List<Visit> purchases = new ArrayList<>();
        for (Visit v : visits) {
            if (v.day() > t.day()) {
                continue;
            }
            lastEvent = max(lastEvent, v.day());
            firstEvent = min(firstEvent, v.day());
            // Two stores on the last day: the higher id, or a re-run could move the customer.
            if (v.day() > homeDay || v.day() == homeDay && v.store().compareTo(home) > 0) {
                homeDay = v.day();
                home = v.store();
            }
            active |= t.inActiveWindow(v.day());
            boolean inWindow = t.inWindow(v.day());
            if (inWindow) {
                storesInWindow.add(v.store());
            }
            if (v.service()) {
                visitsInYear += t.inYear(v.day()) ? 1 : 0;
                if (inWindow) {
                    visitsInWindow++;
                    spendInWindow += v.cents();
                    firstVisitInWindow = min(firstVisitInWindow, v.day());
                    // Maintenance against other workshop visits: repairs and accidents go to the dealer by choice.
                    maintenanceInWindow += v.type() == CustomerEvents.MAINTENANCE ? 1 : 0;
                    repairsInWindow += v.type() == CustomerEvents.REPAIR ? 1 : 0;
                    inspectionsInWindow += v.type() == CustomerEvents.INSPECTION_VISIT ? 1 : 0;
                }
                lastVisit = max(lastVisit, v.day());
                visitDays.merge(v.day(), v.cents(), Long::sum);
            } else {
                purchases.add(v);
                if (inWindow) {
                    purchasesInWindow++;
                    salesInWindow += v.cents();
                }
            }
            vehicles.computeIfAbsent(v.vin(), vin -> new VehicleSeen(v.vehicle())).add(v, t);
        }
        Visits forLifetimeValue = visitDays.isEmpty() ? null : new Visits(visitDays.size(), visitDays.lastKey() - visitDays.firstKey(),
                t.day() - visitDays.firstKey(), visitDays.values().stream().mapToLong(Long::longValue).sum(), visitDays.firstEntry().getValue());
        if (!active) {
            return forLifetimeValue == null ? null : new Features(null, false, forLifetimeValue);
        }

        // Two visits on one day give a zero interval: no usable rhythm, so null, as for a single visit.
        Double meanInterval = visitsInWindow > 1 && lastVisit - firstVisitInWindow > 0
                ? (double) (lastVisit - firstVisitInWindow) / (visitsInWindow - 1) : null;
        Double overdueRatio = (t.day() - (lastVisit != null ? lastVisit : lastEvent)) / (meanInterval != null ? meanInterval : 365.0);
        Double intervalVariation = variation(visitDays.tailMap(t.windowStart(), false).keySet());

        Double maxDue = null;
        int missed = 0;
        double lateDays = 0;
        double kmPerDaySum = 0;
        int kmPerDayCount = 0;
        Double mileage = null;
        Double newestAge = null;
        int vehicleCount = 0;
        Integer toInsurance = null;
        Integer toInspection = null;
        LocalDate snapshot = LocalDate.ofEpochDay(t.day());
        Set<String> replaced = commercial ? Set.of() : replaced(vehicles, purchases);
        for (Map.Entry<String, VehicleSeen> entry : vehicles.entrySet()) {
            VehicleSeen seen = entry.getValue();
            if (seen.firstSeen == null) {
                continue;
            }
            vehicleCount += entry.getKey() != null ? 1 : 0;
            Double kmPerDay = seen.kmPerDay();
            if (kmPerDay != null) {
                kmPerDaySum += kmPerDay;
                kmPerDayCount++;
            }
            // Reminders and age are about the cars the customer still has.
            if (replaced.contains(entry.getKey()) || seen.soldToOthers(t)) {
                continue;
            }
            double rate = kmPerDay != null ? kmPerDay : DEFAULT_KM_PER_DAY;
            if (seen.maxKm != null) {
                // Of several cars the one driven furthest: a worn car is what brings a customer to a
                // workshop, or sends them to a cheaper one.
                double now = seen.maxKm + rate * (t.day() - seen.lastReading);
                mileage = mileage == null ? now : Math.max(mileage, now);
            }
            Vehicle vehicle = seen.vehicle;
            // The customer's own purchase of the car, if they bought it from the group; else dim_vehicle's,
            // which holds the car's latest: one after T (resold since) is not known at T.
            int purchased = seen.lastBought != null ? seen.lastBought
                    : vehicle.purchased() != null && vehicle.purchased() <= t.day() ? vehicle.purchased() : seen.firstSeen;
            // Without a maintenance on record the clock starts at the purchase; but a car first seen
            // after its first maintenance was due (bought used, or serviced elsewhere until then) starts
            // at that visit, or a car bought in 2018 would be years overdue and its reminder dated 2018.
            double due;
            if (seen.lastMaintenance != null) {
                due = t.day() - seen.lastMaintenance - Math.min(INTERVAL_DAYS, INTERVAL_KM / rate);
            } else if (seen.firstSeen > purchased + FIRST_INTERVAL_DAYS) {
                due = t.day() - seen.firstSeen - Math.min(INTERVAL_DAYS, INTERVAL_KM / rate);
            } else {
                due = t.day() - purchased - Math.min(FIRST_INTERVAL_DAYS, FIRST_INTERVAL_KM / rate);
            }
            maxDue = maxDue == null ? due : Math.max(maxDue, due);
            if (due > ON_TIME_DAYS) {
                missed++;
                lateDays += due;
            }
            // A used car arrives with its model year well before the purchase.
            int purchaseYear = LocalDate.ofEpochDay(purchased).getYear();
            double age = (t.day() - purchased) / 365.25
                    + (vehicle.modelYear() != null ? Math.max(0, purchaseYear - vehicle.modelYear()) : 0);
            newestAge = newestAge == null ? age : Math.min(newestAge, age);
            toInsurance = min(toInsurance, daysToNext(vehicle.insurance(), snapshot, 1));
            int inspectionCycle = vehicle.modelYear() != null && snapshot.getYear() - vehicle.modelYear() < BIENNIAL_INSPECTION_YEARS ? 2 : 1;
            toInspection = min(toInspection, daysToNext(vehicle.inspection(), snapshot, inspectionCycle));
        }
        double delaySum = 0;
        int delayCount = 0;
        int onTime = 0;
        double onTimeDelaySum = 0;
        for (Delay delay : delays) {
            if (delay.day() <= t.day()) {
                delaySum += delay.days();
                delayCount++;
                if (delay.days() <= ON_TIME_DAYS) {
                    onTime++;
                    onTimeDelaySum += Math.max(0, delay.days());
                } else {
                    lateDays += delay.days();
                }
            }
        }

        // Customer care: surveys and call-back outcomes after visits, and the customer's own contacts
        // (birthday care is the store's initiative and says nothing about the customer).
        int complaints = 0;
        int unresolved = 0;
        Integer oldestOpen = null;
        int quicklyResolved = 0;
        long resolutionDays = 0;
        int resolvedInWindow = 0;
        long surveyScoreSum = 0;
        int surveyScores = 0;
        int lastSurveyDay = Integer.MIN_VALUE;
        Integer lastSurveyScore = null;
        int consultations = 0;
        Integer lastContact = null;
        Integer lastConsultation = null;
        double surveyResidualSum = 0;
        int surveyResiduals = 0;
        int callbacks = 0;
        int refused = 0;
        for (Contact c : contacts) {
            if (c.day() > t.day()) {
                continue;
            }
            boolean inWindow = t.inWindow(c.day());
            switch (c.type()) {
                case CustomerEvents.COMPLAINT -> {
                    lastContact = max(lastContact, c.day());
                    // A complaint still open counts however old it is: it still needs a call.
                    boolean open = c.resolved() == null || c.resolved() > t.day();
                    if (open) {
                        unresolved++;
                        oldestOpen = max(oldestOpen, t.day() - c.day());
                    }
                    if (inWindow) {
                        complaints++;
                        if (!open) {
                            resolutionDays += c.resolved() - c.day();
                            resolvedInWindow++;
                            quicklyResolved += c.resolved() - c.day() <= QUICK_RESOLUTION_DAYS ? 1 : 0;
                        }
                    }
                }
                case CustomerEvents.CONSULTATION -> {
                    lastContact = max(lastContact, c.day());
                    lastConsultation = max(lastConsultation, c.day());
                    consultations += t.inYear(c.day()) ? 1 : 0;
                }
                case CustomerEvents.SURVEY -> {
                    if (inWindow && c.score() != null) {
                        surveyScoreSum += c.score();
                        surveyScores++;
                    }
                    Double storeMean = c.store() == null ? null : t.surveyMeans().before(c.store(), c.day());
                    if (c.score() != null && storeMean != null) {
                        // How much the customer liked the store more than its other customers did: the store's
                        // service is everyone's, the difference is the customer's own. A complaint open since
                        // the visit costs a point, which says nothing new.
                        surveyResidualSum += c.score() + (complaintOpen(c.day() - SURVEY_LAG_DAYS) ? 1 : 0) - storeMean;
                        surveyResiduals++;
                    }
                    // The last survey, and of two on one day the higher score (a missing one lowest), so a re-run picks the same one.
                    if (c.day() > lastSurveyDay || c.day() == lastSurveyDay && c.score() != null
                            && (lastSurveyScore == null || c.score() > lastSurveyScore)) {
                        lastSurveyDay = c.day();
                        lastSurveyScore = c.score();
                    }
                }
                case CustomerEvents.CALLBACK -> {
                    if (inWindow) {
                        callbacks++;
                        refused += c.refused() ? 1 : 0;
                    }
                }
                default -> {
                }
            }
        }

        Object[] columns = {
                t.date(),
                key,
                home,
                t.day() - lastEvent,
                visitsInYear,
                visitsInWindow,
                spendInWindow / 100.0,
                purchasesInWindow,
                salesInWindow / 100.0,
                meanInterval,
                intervalVariation,
                overdueRatio,
                complaints,
                unresolved,
                surveyScores > 0 ? (double) surveyScoreSum / surveyScores : null,
                vehicleCount,
                t.day() - firstEvent,
                lastVisit == null ? null : t.day() - lastVisit,
                maintenanceInWindow,
                repairsInWindow,
                delayCount > 0 ? delaySum / delayCount : null,
                kmPerDayCount > 0 ? kmPerDaySum / kmPerDayCount : null,
                mileage,
                maxDue,
                newestAge,
                newestAge != null && newestAge < WARRANTY_YEARS ? 1 : 0,
                storesInWindow.size(),
                consultations,
                lastContact == null ? null : t.day() - lastContact,
                callbacks > 0 ? (double) refused / callbacks : null,
                lastSurveyScore == null ? null : lastSurveyScore.doubleValue(),
                quicklyResolved,
                resolvedInWindow > 0 ? (double) resolutionDays / resolvedInWindow : null,
                oldestOpen,
                // Smoothed towards a half: one maintenance on time is weaker evidence than five of five.
                (onTime + 1.0) / (delayCount + missed + 2),
                onTime > 0 ? onTimeDelaySum / onTime : null,
                delayCount - onTime + missed > 0 ? lateDays / (delayCount - onTime + missed) : null,
                surveyResiduals > 0 ? surveyResidualSum / surveyResiduals : null,
                t.day() - max(lastEvent, lastConsultation),
                inspectionsInWindow,
                null, // p_alive, expected_visits_12m, p_no_visit_12m and clv_12m: from the fits over every customer, added later
                null,
                null,
                null,
                commercial ? 1 : 0,
                toInsurance,
                toInspection,
                daysToNext(birth, snapshot, 1)};
        return new Features(columns, true, forLifetimeValue);
    }

    /** Whether a complaint filed before {@code day} was still open on it. */
    private boolean complaintOpen(int day) {
        for (Contact c : contacts) {
            if (c.type() == CustomerEvents.COMPLAINT && c.day() < day && (c.resolved() == null || c.resolved() > day)) {
                return true;
            }
        }
        return false;
    }

    /** One vehicle's visits up to T: first seen in the active window, last maintenance, and its mileage readings. */
    private static final class VehicleSeen {
        private final Vehicle vehicle;
        private Integer firstSeen;
        private Integer lastBought;
        private int firstVisit = Integer.MAX_VALUE;
        private int lastVisit = Integer.MIN_VALUE;
        private Integer lastMaintenance;
        private Integer firstReading;
        private Integer lastReading;
        private Integer minKm;
        private Integer maxKm;

        VehicleSeen(Vehicle vehicle) {
            this.vehicle = vehicle;
        }

        void add(Visit v, Snapshot t) {
            if (t.inActiveWindow(v.day())) {
                firstSeen = min(firstSeen, v.day());
            }
            firstVisit = Math.min(firstVisit, v.day());
            lastVisit = Math.max(lastVisit, v.day());
            if (!v.service()) {
                lastBought = max(lastBought, v.day());
            }
            if (v.vin() == null) {
                return;
            }
            if (v.maintenance()) {
                lastMaintenance = max(lastMaintenance, v.day());
            }
            if (v.mileage() != null) {
                firstReading = min(firstReading, v.day());
                lastReading = max(lastReading, v.day());
                minKm = min(minKm, v.mileage());
                maxKm = max(maxKm, v.mileage());
            }
        }

        /** Whether the group sold the car to someone else after the customer's last visit with it, by T. */
        boolean soldToOthers(Snapshot t) {
            List<Integer> sold = vehicle.soldToOthers();
            return sold != null && sold.stream().anyMatch(day -> day > lastVisit && day <= t.day());
        }

        /** Kilometres a day between the readings, when they are far enough apart and went up. */
        Double kmPerDay() {
            if (firstReading == null || lastReading - firstReading < MIN_READING_DAYS || maxKm <= minKm) {
                return null;
            }
            return (double) (maxKm - minKm) / (lastReading - firstReading);
        }
    }

    /**
     * The cars the customer's purchases up to T most likely replaced. No record says which car a buyer
     * traded in or sold, so each purchase, in date order, retires at most one: of the cars seen up to T
     * and not since the purchase, the one seen least recently, if the customer had had it for the first
     * service interval (nobody trades in a car bought weeks before). Which car a purchase retired does not
     * change as T moves on. A car the customer already had, bought again, retires none. A kept car comes
     * back for its next maintenance and counts again from that visit. Not for a commercial customer,
     * whose fleet grows.
     */
    private static Set<String> replaced(Map<String, VehicleSeen> vehicles, List<Visit> purchases) {
        Set<String> replaced = new HashSet<>();
        purchases.sort(Comparator.comparingInt(Visit::day).thenComparing(Visit::vin, Comparator.nullsFirst(Comparator.naturalOrder())));
        for (Visit purchase : purchases) {
            VehicleSeen bought = vehicles.get(purchase.vin());
            if (bought != null && bought.firstVisit < purchase.day()) {
                continue; // a car the customer already had, bought out or back: it replaces none
            }
            String oldest = null;
            int oldestVisit = Integer.MAX_VALUE;
            for (Map.Entry<String, VehicleSeen> entry : vehicles.entrySet()) {
                VehicleSeen car = entry.getValue();
                String vin = entry.getKey();
                boolean candidate = vin != null && !vin.equals(purchase.vin()) && !replaced.contains(vin)
                        && car.lastVisit < purchase.day() && car.firstVisit <= purchase.day() - FIRST_INTERVAL_DAYS;
                if (candidate && (car.lastVisit < oldestVisit || car.lastVisit == oldestVisit && vin.compareTo(oldest) < 0)) {
                    oldest = vin;
                    oldestVisit = car.lastVisit;
                }
            }
            if (oldest != null) {
                replaced.add(oldest);
            }
        }
        return replaced;
    }

    /**
     * How regular the visits are: the coefficient of variation (standard deviation over mean) of the
     * intervals between visit days, 0 for clockwork; null with fewer than two intervals.
     */
    private static Double variation(java.util.Collection<Integer> days) {
        if (days.size() < 3) {
            return null;
        }
        double sum = 0;
        double squares = 0;
        Integer previous = null;
        for (int day : days) {
            if (previous != null) {
                sum += day - previous;
                squares += (double) (day - previous) * (day - previous);
            }
            previous = day;
        }
        int n = days.size() - 1;
        double mean = sum / n;
        return Math.sqrt(Math.max(0, squares / n - mean * mean)) / mean;
    }

    /**
     * Days from T to the first date on or after T a whole number of cycles ({@code cycleYears} long) from
     * {@code date}: a renewal, an inspection or a birthday. Only the recorded date's place in the cycle
     * counts: one recorded after a later renewal says as much about T as the one before it.
     */
    private static Integer daysToNext(Integer date, LocalDate t, int cycleYears) {
        if (date == null) {
            return null;
        }
        LocalDate recorded = LocalDate.ofEpochDay(date);
        long cycles = Math.floorDiv(t.getYear() - recorded.getYear(), cycleYears);
        LocalDate next = recorded.plusMonths(cycles * cycleYears * 12);
        if (next.isBefore(t)) {
            next = recorded.plusMonths((cycles + 1) * cycleYears * 12);
        }
        return (int) (next.toEpochDay() - t.toEpochDay());
    }

    private static Integer integer(Row row, int column) {
        return row.isNullAt(column) ? null : row.getInt(column);
    }

    private static Integer min(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(Math.min(a, b));
    }

    private static Integer max(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(Math.max(a, b));
    }
}
