package org.retentionwarehouse.simulator.behaviour;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.retentionwarehouse.simulator.model.CallbackOutcome;
import org.retentionwarehouse.simulator.model.ComplaintCategory;
import org.retentionwarehouse.simulator.model.ContactChannel;
import org.retentionwarehouse.simulator.model.LeadChannel;
import org.retentionwarehouse.simulator.model.SaleType;
import org.retentionwarehouse.simulator.model.ServiceType;
import org.retentionwarehouse.simulator.model.Tier;
import org.retentionwarehouse.simulator.random.Draws;
import org.retentionwarehouse.simulator.world.Brand;
import org.retentionwarehouse.simulator.world.Person;
import org.retentionwarehouse.simulator.world.PersonKind;
import org.retentionwarehouse.simulator.world.Store;
import org.retentionwarehouse.simulator.world.Stores;
import org.retentionwarehouse.simulator.world.TrapRole;
import org.retentionwarehouse.simulator.world.VehicleModel;

/**
 * The behaviour model: simulates a person's life tick by tick (calendar months). At the start of
 * each tick it draws what may happen during it (defection, breakdowns, late maintenance, a new car,
 * questions...) and puts it on the person's agenda; it then plays the agenda in time order, each
 * event possibly scheduling consequences (a visit schedules call-back, survey, maybe a complaint).
 * Stateless and thread-safe: all state is in {@link PersonState}, all randomness in the caller's stream.
 */
public final class Life {

    /** Minutes per day: agenda times are minutes since the epoch. */
    public static final int MINUTES_PER_DAY = 1440;
    private static final int OPENING_MINUTE = 8 * 60 + 30;
    private static final int OPENING_HOURS_MINUTES = 9 * 60;
    private static final List<ContactChannel> QUESTION_CHANNELS =
            List.of(ContactChannel.PHONE, ContactChannel.WECHAT, ContactChannel.STORE);
    private static final List<ContactChannel> CARE_CHANNELS = List.of(ContactChannel.SMS, ContactChannel.WECHAT);

    /** Competing processes of a tick: per person, then per vehicle. */
    private static final int DEFECTION = 0;
    private static final int REPURCHASE = 1;
    private static final int CONSULTATION = 2;
    private static final int CONSENT = 3;
    private static final int BLACKLISTING = 4;
    private static final int PER_PERSON = 5;
    private static final int REPAIR = 0;
    private static final int ACCIDENT = 1;
    private static final int LATE_MAINTENANCE = 2;
    private static final int PER_VEHICLE = 3;

    private final Stores stores;
    private final TickCalendar calendar;
    private final int recordsStart;

    /**
     * Model over the group's stores with the run's tick boundaries, one of which is
     * {@code recordsStart}, the first day the stores' records hold events of: a person's records say
     * nothing of their loyalty before it.
     */
    public Life(Stores stores, TickCalendar calendar, int recordsStart) {
        this.stores = stores;
        this.calendar = calendar;
        this.recordsStart = recordsStart;
    }

    /** The state of a person on their entry day, with their first events scheduled. */
    public PersonState begin(Person person, SplittableRandom rng) {
        int entry = person.entryDay();
        PersonState s = new PersonState(person, entry, recordsStart);
        if (person.kind() == PersonKind.PROSPECT) {
            s.schedule(shopMinute(entry, rng), new LifeEvent.ShowroomVisit(person.homeStore(), leadChannel(rng)));
            int buyAt = person.homeStore();
            if (person.secondStore() >= 0) {
                s.schedule(shopMinute(entry + Draws.between(rng, 3, 45), rng),
                        new LifeEvent.ShowroomVisit(person.secondStore(), leadChannel(rng)));
                buyAt = rng.nextDouble() < 0.3 ? person.secondStore() : buyAt;
            }
            if (rng.nextDouble() < Rates.PROSPECT_CONVERSION) {
                s.schedule(shopMinute(entry + Draws.between(rng, 7, 120), rng), new LifeEvent.Purchase(buyAt, false));
            }
        } else {
            for (int i = 0; i < person.fleetSize(); i++) {
                s.schedule(shopMinute(entry, rng), new LifeEvent.Purchase(person.firstStore(), false));
            }
        }
        s.schedule(birthdayAfter(person, entry), new LifeEvent.Birthday());
        if (person.phoneChangeDay() != Person.NEVER) {
            s.schedule(shopMinute(person.phoneChangeDay(), rng), new LifeEvent.PhoneChange());
        }
        return s;
    }

    /**
     * Simulates the life up to (excluding) {@code untilDay}, or until the listener asks to stop.
     */
    public void advance(PersonState s, int untilDay, SplittableRandom rng, LifeListener out) {
        while (s.clock < untilDay) {
            if (out.stopRequested()) {
                return;
            }
            int end = calendar.tickEnd(s.clock, untilDay);
            if (s.customer && !s.defected) {
                decideTick(s, s.clock, end, rng);
            }
            long endMinute = (long) end * MINUTES_PER_DAY;
            while (!s.agenda.isEmpty() && s.agenda.nextMinute() < endMinute) {
                if (out.stopRequested()) {
                    return;
                }
                long minute = s.agenda.nextMinute();
                handle(s, s.agenda.poll(), minute, rng, out);
            }
            s.clock = end;
        }
    }

    /**
     * Forgets, in a forecast, what happened after the person's last visit or purchase that no record
     * shows, so that it is drawn again: whether they came when a car's maintenance or inspection fell
     * due (a booking is not in the dealer's extracts, nor is a reminder ignored), and the rest of that
     * tick, in which they may have left the group (a defection only shows as silence). The forecast
     * resumes the day after that visit and is then a draw of the future as seen from the records; a
     * redrawn visit before the caller's cutoff is one the records would show, so a caller conditioning
     * on the silence since rejects it.
     */
    public void forgetUnrecordedDecisions(PersonState s, SplittableRandom rng) {
        int since = s.lastActivityDay;
        for (int i = 0; i < s.vehicles.size(); i++) {
            VehicleState v = s.vehicles.get(i);
            if (!v.active) {
                continue;
            }
            int number = v.vehicle().number();
            int due = v.maintenanceDueDay();
            // Fallen due since the last visit: booked, let slip, or (after a defection) ignored.
            if (due > since && due < s.clock) {
                cancelVisits(s, number, ServiceType.MAINTENANCE);
                v.booked = false;
                v.overdueSince = -1;
                s.schedule(dueMinute(due), new LifeEvent.MaintenanceDue(number, v.maintenanceCount));
            }
            int inspected = previousInspectionDue(v);
            if (inspected > since && inspected < s.clock) {
                cancelVisits(s, number, ServiceType.INSPECTION);
                if (rng.nextDouble() < Rates.inspectAtDealer(s.loyalty)) {
                    s.schedule(shopMinute(inspected + Draws.between(rng, 0, 10), rng),
                            new LifeEvent.ServiceVisit(number, serviceStore(s, v, rng), ServiceType.INSPECTION));
                }
            }
        }
        s.defected = false;
        s.clock = Math.min(s.clock, since + 1);
    }

    /** Takes the scheduled visits of one type for a vehicle off the agenda. */
    private static void cancelVisits(PersonState s, int vehicle, ServiceType type) {
        s.agenda.removeIf(e -> e instanceof LifeEvent.ServiceVisit visit && visit.vehicle() == vehicle && visit.type() == type);
    }

    /**
     * The inspection due date before the vehicle's next one, {@link Integer#MIN_VALUE} before its
     * first: the schedule replayed from the purchase.
     */
    private static int previousInspectionDue(VehicleState v) {
        int previous = Integer.MIN_VALUE;
        for (int due = firstInspection(v.vehicle()); due < v.inspectionDue; due = inspectionAfter(v.vehicle(), due)) {
            previous = due;
        }
        return previous;
    }

    /** A car's first statutory inspection: two years after a new car's sale, one after a used car's. */
    private static int firstInspection(Vehicle vehicle) {
        return plusYears(vehicle.purchaseDay(), vehicle.saleType() == SaleType.USED ? 1 : 2);
    }

    /**
     * The inspection after one due on {@code due}: cars younger than six years are inspected every two
     * years, older ones every year.
     */
    private static int inspectionAfter(Vehicle vehicle, int due) {
        return plusYears(due, vehicle.ageYears(due) < 6 ? 2 : 1);
    }

    /**
     * Draws what happens during a tick as competing Poisson processes with the rates of the state at
     * the tick's start: one exponential waiting time per event instead of one draw per process.
     */
    private void decideTick(PersonState s, int start, int end, SplittableRandom rng) {
        double overdueMonths = 0;
        double newestAge = Double.MAX_VALUE;
        for (VehicleState v : s.vehicles) {
            if (v.active) {
                newestAge = Math.min(newestAge, v.vehicle().ageYears(start));
                if (v.overdueSince >= 0) {
                    overdueMonths = Math.max(overdueMonths, (start - v.overdueSince) / 30.44);
                }
            }
        }
        if (newestAge == Double.MAX_VALUE) {
            // Cannot happen for a customer (a trade-in always comes with a new car); keeps the rates finite.
            newestAge = 0;
        }
        Person p = s.person();
        int processes = PER_PERSON + PER_VEHICLE * s.vehicles.size();
        if (s.rates.length != processes) {
            s.rates = new double[processes];
        }
        double[] rates = s.rates;
        rates[DEFECTION] = Rates.defection(s.loyalty, s.unresolvedComplaints, overdueMonths, newestAge);
        rates[REPURCHASE] = Rates.repurchase(s.loyalty, s.tierAt(p.homeStore()), newestAge);
        rates[CONSULTATION] = Rates.consultation(newestAge);
        rates[CONSENT] = Rates.consentToggle(s.optOut);
        rates[BLACKLISTING] = s.blacklisted ? 0 : Rates.BLACKLISTING;
        for (int i = 0; i < s.vehicles.size(); i++) {
            VehicleState v = s.vehicles.get(i);
            int at = PER_PERSON + PER_VEHICLE * i;
            rates[at + REPAIR] = v.active ? Rates.repair(v.vehicle().ageYears(start)) : 0;
            rates[at + ACCIDENT] = v.active ? Rates.ACCIDENT : 0;
            rates[at + LATE_MAINTENANCE] = v.active && v.overdueSince >= 0 && !v.booked
                    ? Rates.lateMaintenance(s.loyalty, s.unresolvedComplaints) : 0;
        }
        double total = 0;
        for (double rate : rates) {
            total += rate;
        }
        if (s.fired.length != processes) {
            s.fired = new int[processes];
        }
        int[] fired = s.fired;
        Arrays.fill(fired, 0);
        double perDay = total / 365.25;
        double time = start;
        while (true) {
            time += rng.nextExponential() / perDay;
            if (time >= end) {
                break;
            }
            int day = (int) time;
            int process = Draws.weighted(rng, rates, total);
            if (process == DEFECTION) {
                s.schedule((long) day * MINUTES_PER_DAY, new LifeEvent.Defection());
                break;
            }
            if (process < PER_PERSON) {
                s.schedule(shopMinute(day, rng), personEvent(s, process, rng));
                fired[process]++;
            } else {
                ServiceType type = vehicleEvent(s, s.vehicles.get((process - PER_PERSON) / PER_VEHICLE),
                        (process - PER_PERSON) % PER_VEHICLE, day, rng);
                if (type != null && type != ServiceType.WARRANTY) {
                    fired[process]++;
                }
            }
        }
        if (s.weighsStaying()) {
            observeTick(s, start, (end - start) / 365.25, overdueMonths, newestAge);
        }
    }

    /**
     * What a tick's records say about the loyalty: the loyalty-driven events they show (a new car,
     * a repair or accident brought to the dealer, an overdue car finally serviced) and the absence of
     * the rest, including of a defection, since the person is still seen. Warranty repairs always come
     * to the dealer and repairs elsewhere are never seen, so only the dealer's share of the others counts.
     */
    private static void observeTick(PersonState s, int start, double years, double overdueMonths, double newestAge) {
        double[] rates = s.rates;
        int[] fired = s.fired;
        int unresolved = s.unresolvedComplaints;
        Tier tier = s.tierAt(s.person().homeStore());
        double[] nonWarranty = new double[s.vehicles.size()];
        for (int i = 0; i < nonWarranty.length; i++) {
            nonWarranty[i] = s.vehicles.get(i).vehicle().ageYears(start) < Rates.WARRANTY_YEARS ? 1 - Rates.WARRANTY_SHARE : 1;
        }
        // Staying with the group and the cars bought show in the master records migrated from before
        // the records start too (a customer since 2019, a car bought then); the visits of those years do not.
        int bought = fired[REPURCHASE];
        s.observeStaying(loyalty -> {
            double repurchase = Rates.repurchase(loyalty, tier, newestAge);
            return bought * Math.log(repurchase)
                    - years * (repurchase + Rates.defection(loyalty, unresolved, overdueMonths, newestAge));
        });
        s.observe(loyalty -> {
            double log = 0;
            double repairAtDealer = Rates.repairAtDealer(loyalty, false);
            double accidentAtDealer = Rates.repairAtDealer(loyalty, true);
            double late = Rates.lateMaintenance(loyalty, unresolved);
            for (int i = 0; i < nonWarranty.length; i++) {
                int at = PER_PERSON + PER_VEHICLE * i;
                log += fired[at + REPAIR] * Math.log(repairAtDealer) + fired[at + ACCIDENT] * Math.log(accidentAtDealer)
                        - years * (rates[at + REPAIR] * nonWarranty[i] * repairAtDealer + rates[at + ACCIDENT] * accidentAtDealer);
                if (rates[at + LATE_MAINTENANCE] > 0) {
                    // Only the first late booking of a tick is a visit.
                    log += fired[at + LATE_MAINTENANCE] > 0 ? Math.log(-Math.expm1(-late * years)) : -late * years;
                }
            }
            return log;
        });
    }

    /** Draws whether something of probability {@code probability(loyalty)} happens, and records the outcome. */
    private static boolean decide(PersonState s, SplittableRandom rng, DoubleUnaryOperator probability) {
        boolean happens = rng.nextDouble() < probability.applyAsDouble(s.loyalty);
        s.observe(loyalty -> happens ? Math.log(probability.applyAsDouble(loyalty))
                : Math.log1p(-probability.applyAsDouble(loyalty)));
        return happens;
    }

    private LifeEvent personEvent(PersonState s, int process, SplittableRandom rng) {
        return switch (process) {
            case REPURCHASE -> new LifeEvent.Purchase(repurchaseStore(s, rng), rng.nextDouble() < Rates.TRADE_IN);
            case CONSULTATION -> new LifeEvent.Consultation(s.person().homeStore(), Draws.pick(rng, QUESTION_CHANNELS));
            case CONSENT -> new LifeEvent.ConsentChange(false);
            default -> new LifeEvent.ConsentChange(true);
        };
    }

    /** Puts the visit a vehicle's process calls for on the agenda, if the dealer gets it; returns its type or null. */
    private ServiceType vehicleEvent(PersonState s, VehicleState v, int process, int day, SplittableRandom rng) {
        int number = v.vehicle().number();
        ServiceType type;
        if (process == REPAIR) {
            boolean warranty = v.vehicle().ageYears(day) < Rates.WARRANTY_YEARS && rng.nextDouble() < Rates.WARRANTY_SHARE;
            if (!warranty && rng.nextDouble() >= Rates.repairAtDealer(s.loyalty, false)) {
                return null;
            }
            type = warranty ? ServiceType.WARRANTY : ServiceType.REPAIR;
        } else if (process == ACCIDENT) {
            if (rng.nextDouble() >= Rates.repairAtDealer(s.loyalty, true)) {
                return null;
            }
            type = ServiceType.ACCIDENT;
        } else {
            if (v.booked) {
                return null;
            }
            v.booked = true;
            type = ServiceType.MAINTENANCE;
        }
        s.schedule(shopMinute(day, rng), new LifeEvent.ServiceVisit(number, serviceStore(s, v, rng), type));
        return type;
    }

    private void handle(PersonState s, LifeEvent event, long minute, SplittableRandom rng, LifeListener out) {
        int day = (int) (minute / MINUTES_PER_DAY);
        if (event instanceof LifeEvent.Purchase e) {
            purchase(s, e, minute, rng, out);
        } else if (event instanceof LifeEvent.MaintenanceDue e) {
            maintenanceDue(s, e, day, rng);
        } else if (event instanceof LifeEvent.ServiceVisit e) {
            serviceVisit(s, e, minute, rng, out);
        } else if (event instanceof LifeEvent.ComplaintFiled e) {
            complaintFiled(s, e, minute, rng, out);
        } else if (event instanceof LifeEvent.ComplaintResolved e) {
            s.unresolvedComplaints--;
            if (e.quick()) {
                // Complaints resolved quickly bring most customers back.
                s.loyalty = Rates.boundedLoyalty(s.loyalty + 0.06);
            }
            out.complaintResolved(s, e.store(), e.complaint(), minute);
        } else if (event instanceof LifeEvent.Callback e) {
            out.calledBack(s, e.store(), e.visit(), e.outcome(), minute);
        } else if (event instanceof LifeEvent.Survey e) {
            out.surveyed(s, e.store(), e.visit(), e.score(), minute);
        } else if (event instanceof LifeEvent.Birthday) {
            s.schedule(birthdayAfter(s.person(), day + 1), new LifeEvent.Birthday());
            if (s.customer && !s.optOut && s.person().kind() != PersonKind.COMMERCIAL
                    && rng.nextDouble() < Rates.BIRTHDAY_CARE) {
                out.caredFor(s, s.person().homeStore(), Draws.pick(rng, CARE_CHANNELS), minute);
            }
        } else if (event instanceof LifeEvent.InsuranceRenewalDue e) {
            insuranceRenewalDue(s, s.vehicles.get(e.vehicle()), minute, rng, out);
        } else if (event instanceof LifeEvent.InspectionDue e) {
            inspectionDue(s, s.vehicles.get(e.vehicle()), day, rng);
        } else if (event instanceof LifeEvent.ShowroomVisit e) {
            out.visitedShowroom(s, e.store(), e.channel(), minute);
        } else if (event instanceof LifeEvent.PhoneChange) {
            out.phoneChanged(s, minute);
        } else if (event instanceof LifeEvent.Consultation e) {
            if (!s.defected) {
                s.lastSignOfLifeDay = day;
                out.consulted(s, e.store(), e.channel(), minute);
            }
        } else if (event instanceof LifeEvent.Defection) {
            s.defected = true;
        } else if (event instanceof LifeEvent.ConsentChange e) {
            if (e.blacklisting()) {
                s.blacklisted = true;
            } else {
                s.optOut = !s.optOut;
            }
            out.consentChanged(s, minute);
        }
    }

    private void purchase(PersonState s, LifeEvent.Purchase e, long minute, SplittableRandom rng, LifeListener out) {
        if (s.defected) {
            return;
        }
        int day = (int) (minute / MINUTES_PER_DAY);
        Person p = s.person();
        Store store = stores.get(e.store());
        Brand brand = store.brand();
        VehicleModel model = Draws.pick(rng, brand.models());
        boolean used = rng.nextDouble() < (s.customer ? Rates.USED_REPURCHASE : Rates.USED_FIRST_PURCHASE);
        int year = LocalDate.ofEpochDay(day).getYear();
        int usedYears = used ? Draws.between(rng, 2, 6) : 0;
        long newPrice = model.minPrice() + (long) (rng.nextDouble() * (model.maxPrice() - model.minPrice()));
        long price = used ? (long) (newPrice * Draws.uniform(rng, 0.35, 0.7)) / 100 * 100 : newPrice / 100 * 100;
        double kmPerDay = p.kmPerDay() * Draws.uniform(rng, 0.8, 1.2);
        int servicedAt = e.store() != p.homeStore() && stores.get(p.homeStore()).brand().equals(brand)
                ? p.homeStore() : e.store();
        Vehicle vehicle = new Vehicle(s.vehicles.size(), brand, model, used ? year - usedYears : year + (
                LocalDate.ofEpochDay(day).getMonthValue() >= 9 ? 1 : 0), used ? SaleType.USED : SaleType.NEW, day,
                e.store(), servicedAt, used ? usedYears * 365 * kmPerDay * Draws.uniform(rng, 0.7, 1.1)
                        : Draws.between(rng, 3, 40), kmPerDay, price, usedYears);
        VehicleState v = new VehicleState(vehicle);
        v.lastMaintenanceDay = day;
        v.maintenanceCount = used ? 1 : 0;
        v.insuranceExpiry = plusYears(day, 1);
        v.inspectionDue = firstInspection(vehicle);
        if (e.tradeIn()) {
            for (VehicleState old : s.vehicles) {
                if (old.active) {
                    old.active = false;
                    break;
                }
            }
        }
        s.vehicles.add(v);
        s.customer = true;
        s.lastActivityDay = day;
        s.schedule(dueMinute(v.maintenanceDueDay()), new LifeEvent.MaintenanceDue(vehicle.number(), v.maintenanceCount));
        s.schedule(renewalMinute(v.insuranceExpiry), new LifeEvent.InsuranceRenewalDue(vehicle.number()));
        s.schedule(dueMinute(v.inspectionDue), new LifeEvent.InspectionDue(vehicle.number()));
        out.activity(day);
        Tier before = account(s, e.store()).tier;
        spend(s, e.store(), price, false);
        out.purchased(s, v, e.store(), minute);
        announceTier(s, e.store(), before, minute, out);
    }

    private void maintenanceDue(PersonState s, LifeEvent.MaintenanceDue e, int day, SplittableRandom rng) {
        VehicleState v = s.vehicles.get(e.vehicle());
        if (!v.active || v.maintenanceCount != e.maintenanceCount() || s.defected) {
            return;
        }
        int unresolved = s.unresolvedComplaints;
        if (decide(s, rng, loyalty -> Rates.comeWhenDue(loyalty, unresolved))) {
            // Loyal customers come soon after the reminder, others drag their feet.
            int delay = (int) Math.min(Rates.MAX_MAINTENANCE_DELAY, rng.nextExponential() * Rates.maintenanceDelayMean(s.loyalty));
            s.observe(RecordLikelihoods.maintenanceDelay(delay));
            v.booked = true;
            s.schedule(shopMinute(day + delay, rng),
                    new LifeEvent.ServiceVisit(e.vehicle(), serviceStore(s, v, rng), ServiceType.MAINTENANCE));
        } else {
            v.overdueSince = day;
        }
    }

    private void serviceVisit(PersonState s, LifeEvent.ServiceVisit e, long minute, SplittableRandom rng,
            LifeListener out) {
        VehicleState v = s.vehicles.get(e.vehicle());
        if (s.defected || !v.active) {
            return;
        }
        int day = (int) (minute / MINUTES_PER_DAY);
        int mileage = v.vehicle().odometer(day);
        s.visits++;
        s.lastActivityDay = day;
        if (e.type() == ServiceType.MAINTENANCE) {
            v.lastMaintenanceDay = day;
            v.maintenanceCount++;
            v.overdueSince = -1;
            v.booked = false;
            s.schedule(dueMinute(v.maintenanceDueDay()), new LifeEvent.MaintenanceDue(e.vehicle(), v.maintenanceCount));
        }
        Store store = stores.get(e.store());
        double mean = store.serviceQuality();
        double quality = Draws.beta(rng, mean * Rates.QUALITY_CONCENTRATION, (1 - mean) * Rates.QUALITY_CONCENTRATION);
        s.loyalty = Rates.boundedLoyalty(s.loyalty + 0.03 * (quality - 0.6));
        out.activity(day);
        Tier before = account(s, e.store()).tier;
        spend(s, e.store(), expectedSpend(e.type()), true);
        out.serviced(s, v, e.store(), e.type(), minute, mileage, s.visits);
        announceTier(s, e.store(), before, minute, out);

        if (rng.nextDouble() < Rates.complaint(s.person().complaintSensitivity(), quality)) {
            s.schedule(minute + Draws.between(rng, 120, 3 * MINUTES_PER_DAY),
                    new LifeEvent.ComplaintFiled(e.store(), s.visits, complaintCategory(quality, rng)));
        }
        if (rng.nextDouble() < Rates.CALLBACK_SHARE) {
            double reached = quality < 0.35 ? 0.6 : 0.75;
            double u = rng.nextDouble();
            CallbackOutcome outcome = u < reached ? CallbackOutcome.REACHED
                    : u < reached + Rates.refuseCallback(s.loyalty) ? CallbackOutcome.REFUSED : CallbackOutcome.NO_ANSWER;
            if (outcome != CallbackOutcome.REACHED) {
                s.observe(loyalty -> Math.log(outcome == CallbackOutcome.REFUSED ? Rates.refuseCallback(loyalty)
                        : 1 - reached - Rates.refuseCallback(loyalty)));
            }
            s.schedule(shopMinute(day + Draws.between(rng, 1, 3), rng),
                    new LifeEvent.Callback(e.store(), s.visits, outcome));
        }
        if (rng.nextDouble() < Rates.SURVEY_SHARE) {
            int penalty = s.unresolvedComplaints > 0 ? 1 : 0;
            int score = Math.max(1, Math.min(5, (int) Math.round(Rates.surveyScore(quality, s.loyalty)
                    + Rates.SURVEY_NOISE * rng.nextGaussian()) - penalty));
            if (s.weighsEvidence()) {
                s.observe(RecordLikelihoods.surveyScore(score, penalty, mean));
            }
            s.schedule(shopMinute(day + Draws.between(rng, 1, 7), rng), new LifeEvent.Survey(e.store(), s.visits, score));
        }
    }

    private void complaintFiled(PersonState s, LifeEvent.ComplaintFiled e, long minute, SplittableRandom rng,
            LifeListener out) {
        s.complaints++;
        s.unresolvedComplaints++;
        s.loyalty = Rates.boundedLoyalty(s.loyalty - 0.04);
        Store store = stores.get(e.store());
        if (rng.nextDouble() < store.quickResolutionRate()) {
            double days = Math.max(1, Draws.logNormal(rng, store.resolutionDays(), 0.6));
            s.schedule(minute + (long) (days * MINUTES_PER_DAY),
                    new LifeEvent.ComplaintResolved(e.store(), s.complaints, days <= 14));
        } else if (rng.nextDouble() < 0.45) {
            // Left open for months; the rest are never resolved.
            s.schedule(minute + (long) Draws.between(rng, 90, 400) * MINUTES_PER_DAY,
                    new LifeEvent.ComplaintResolved(e.store(), s.complaints, false));
        }
        out.complaintFiled(s, e.store(), s.complaints, e.visit(), e.category(), minute);
    }

    private void insuranceRenewalDue(PersonState s, VehicleState v, long minute, SplittableRandom rng,
            LifeListener out) {
        if (!v.active) {
            return;
        }
        v.insuranceExpiry = plusYears(v.insuranceExpiry, 1);
        s.schedule(renewalMinute(v.insuranceExpiry), new LifeEvent.InsuranceRenewalDue(v.vehicle().number()));
        // Not evidence: the dealer's record keeps only the latest policy, so the records do not show past renewals.
        if (!s.defected && rng.nextDouble() < Rates.renewAtDealer(s.loyalty)) {
            out.insuranceRenewed(s, v, v.vehicle().servicedAt(), minute);
        }
    }

    private void inspectionDue(PersonState s, VehicleState v, int day, SplittableRandom rng) {
        if (!v.active) {
            return;
        }
        v.inspectionDue = inspectionAfter(v.vehicle(), v.inspectionDue);
        s.schedule(dueMinute(v.inspectionDue), new LifeEvent.InspectionDue(v.vehicle().number()));
        if (!s.defected && decide(s, rng, Rates::inspectAtDealer)) {
            s.schedule(shopMinute(day + Draws.between(rng, 0, 10), rng),
                    new LifeEvent.ServiceVisit(v.vehicle().number(), serviceStore(s, v, rng), ServiceType.INSPECTION));
        }
    }

    private StoreAccount account(PersonState s, int store) {
        StoreAccount a = s.findAccount(store);
        if (a == null) {
            a = new StoreAccount(store);
            s.accounts.add(a);
        }
        return a;
    }

    private void spend(PersonState s, int store, long yuan, boolean visit) {
        StoreAccount a = account(s, store);
        a.spend += yuan;
        a.visits += visit ? 1 : 0;
        Tier earned = s.person().role() == TrapRole.FLEET_COMPANY ? Tier.FLEET
                : a.spend >= Rates.PREMIER_SPEND ? Tier.PREMIER
                : a.spend >= Rates.VIP_SPEND || a.visits >= Rates.VIP_VISITS ? Tier.VIP : Tier.REGULAR;
        if (earned.ordinal() > a.tier.ordinal()) {
            a.tier = earned;
        }
    }

    private static void announceTier(PersonState s, int store, Tier before, long minute, LifeListener out) {
        Tier now = s.tierAt(store);
        if (now != before) {
            out.tierChanged(s, store, now, minute);
        }
    }

    private static long expectedSpend(ServiceType type) {
        return switch (type) {
            case MAINTENANCE -> 900;
            case REPAIR -> 2_500;
            case WARRANTY -> 0;
            case ACCIDENT -> 9_000;
            case INSPECTION -> 400;
        };
    }

    /** The normal service store of the vehicle, sometimes the person's second store of the same make. */
    private int serviceStore(PersonState s, VehicleState v, SplittableRandom rng) {
        int second = s.person().secondStore();
        if (second >= 0 && s.person().customer() && stores.get(second).brand().equals(v.vehicle().brand())
                && rng.nextDouble() < Rates.SECOND_STORE_VISIT) {
            return second;
        }
        return v.vehicle().servicedAt();
    }

    /** Where the next vehicle is bought: the usual store, or a store of another make. */
    private int repurchaseStore(PersonState s, SplittableRandom rng) {
        int usual = s.vehicles.get(s.vehicles.size() - 1).vehicle().servicedAt();
        if (s.person().role() != TrapRole.FLEET_COMPANY && rng.nextDouble() < Rates.OTHER_BRAND_REPURCHASE) {
            int other = rng.nextInt(stores.size());
            if (!stores.get(other).brand().equals(stores.get(usual).brand())) {
                return other;
            }
        }
        return usual;
    }

    private static ComplaintCategory complaintCategory(double quality, SplittableRandom rng) {
        double u = rng.nextDouble();
        if (quality < 0.35) {
            return u < 0.45 ? ComplaintCategory.QUALITY : u < 0.65 ? ComplaintCategory.PARTS
                    : u < 0.85 ? ComplaintCategory.WAITING : u < 0.95 ? ComplaintCategory.ATTITUDE
                    : ComplaintCategory.OTHER;
        }
        return u < 0.35 ? ComplaintCategory.PRICE : u < 0.6 ? ComplaintCategory.WAITING
                : u < 0.85 ? ComplaintCategory.ATTITUDE : ComplaintCategory.OTHER;
    }

    private static LeadChannel leadChannel(SplittableRandom rng) {
        double u = rng.nextDouble();
        return u < 0.45 ? LeadChannel.WALK_IN : u < 0.8 ? LeadChannel.ONLINE : u < 0.92 ? LeadChannel.PHONE
                : LeadChannel.EVENT;
    }

    /** Greetings go out at nine on the first birthday on or after {@code day}. */
    private static long birthdayAfter(Person person, int day) {
        LocalDate from = LocalDate.ofEpochDay(day);
        LocalDate birthday = person.birthDate().withYear(from.getYear());
        if (birthday.isBefore(from)) {
            birthday = person.birthDate().withYear(from.getYear() + 1);
        }
        return birthday.toEpochDay() * MINUTES_PER_DAY + 9 * 60;
    }

    private static int plusYears(int day, int years) {
        return (int) LocalDate.ofEpochDay(day).plusYears(years).toEpochDay();
    }

    /** A time during opening hours on a day. */
    private static long shopMinute(int day, SplittableRandom rng) {
        return (long) day * MINUTES_PER_DAY + OPENING_MINUTE + rng.nextInt(OPENING_HOURS_MINUTES);
    }

    /** Due dates fire at the start of the day. */
    private static long dueMinute(int day) {
        return (long) day * MINUTES_PER_DAY;
    }

    /** Policies are renewed in the fortnight before they expire, at ten in the morning. */
    private static long renewalMinute(int expiryDay) {
        return (long) (expiryDay - 15) * MINUTES_PER_DAY + 10 * 60;
    }
}
