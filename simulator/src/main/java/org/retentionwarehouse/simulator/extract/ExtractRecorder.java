package org.retentionwarehouse.simulator.extract;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.retentionwarehouse.simulator.behaviour.Life;
import org.retentionwarehouse.simulator.behaviour.LifeListener;
import org.retentionwarehouse.simulator.behaviour.PersonState;
import org.retentionwarehouse.simulator.behaviour.Vehicle;
import org.retentionwarehouse.simulator.behaviour.VehicleState;
import org.retentionwarehouse.simulator.model.CallbackOutcome;
import org.retentionwarehouse.simulator.model.CanonicalRecord;
import org.retentionwarehouse.simulator.model.ComplaintCategory;
import org.retentionwarehouse.simulator.model.ContactChannel;
import org.retentionwarehouse.simulator.model.CustomerRow;
import org.retentionwarehouse.simulator.model.CustomerType;
import org.retentionwarehouse.simulator.model.Entity;
import org.retentionwarehouse.simulator.model.Gender;
import org.retentionwarehouse.simulator.model.InteractionRow;
import org.retentionwarehouse.simulator.model.InteractionType;
import org.retentionwarehouse.simulator.model.LeadChannel;
import org.retentionwarehouse.simulator.model.LeadRow;
import org.retentionwarehouse.simulator.model.Money;
import org.retentionwarehouse.simulator.model.SaleRow;
import org.retentionwarehouse.simulator.model.ServiceLineRow;
import org.retentionwarehouse.simulator.model.ServiceOrderRow;
import org.retentionwarehouse.simulator.model.ServiceType;
import org.retentionwarehouse.simulator.model.SourceSystem;
import org.retentionwarehouse.simulator.model.Tier;
import org.retentionwarehouse.simulator.model.VehicleRow;
import org.retentionwarehouse.simulator.random.Draws;
import org.retentionwarehouse.simulator.world.Person;
import org.retentionwarehouse.simulator.world.PersonKind;
import org.retentionwarehouse.simulator.world.Store;

/**
 * Turns one person's life into the records the stores' systems hold, and delivers them night by
 * night. Events (sales, repair orders, interactions, leads) are delivered once, in the night of the
 * day they happened (repair orders when settled). Master records (customers, vehicles, complaints)
 * are delivered when created and again, under the same source id, whenever they change; several
 * changes within one night are delivered once, and the initial extract holds every master record in
 * its state at the first night. Nothing before the history start is delivered except master records
 * (migrated into the systems), nothing after the last night at all.
 */
public final class ExtractRecorder implements LifeListener {

    private static final double ID_ON_SALES = 0.9;
    private static final double ID_ON_SERVICE = 0.1;
    private static final double ID_ON_CRM = 0.04;

    /** A master record that may be delivered again when it changes. */
    private abstract static class Tracked {
        final int store;
        int dirtyNight = -1;
        boolean delivered;

        Tracked(int store) {
            this.store = store;
        }

        abstract CanonicalRecord snapshot();
    }

    private static final class CustomerRecord extends Tracked {
        final SourceSystem system;
        final String sourceId;
        final LocalDateTime created;
        String name;
        String phone;
        String idNumber;
        Gender gender;
        LocalDate birthDate;
        CustomerType type;
        String company;
        Tier tier;
        boolean optOut;
        boolean blacklist;
        String city;

        CustomerRecord(int store, SourceSystem system, String sourceId, LocalDateTime created) {
            super(store);
            this.system = system;
            this.sourceId = sourceId;
            this.created = created;
        }

        @Override
        CanonicalRecord snapshot() {
            return CanonicalRecord.of(new CustomerRow(sourceId, system, name, phone, idNumber, gender, birthDate, type,
                    company, tier, optOut, blacklist, city, created));
        }
    }

    private static final class VehicleRecord extends Tracked {
        final int number;
        final String vin;
        final String plate;
        final Vehicle vehicle;
        final String owner;
        LocalDate purchaseDate;
        LocalDate insuranceExpiry;
        LocalDate inspectionDue;

        VehicleRecord(int store, Vehicle vehicle, String vin, String plate, String owner) {
            super(store);
            this.number = vehicle.number();
            this.vehicle = vehicle;
            this.vin = vin;
            this.plate = plate;
            this.owner = owner;
        }

        @Override
        CanonicalRecord snapshot() {
            return CanonicalRecord.of(new VehicleRow(vin, plate, vehicle.brand().make(), vehicle.model().name(),
                    vehicle.modelYear(), owner, purchaseDate, insuranceExpiry, inspectionDue));
        }
    }

    private static final class ComplaintRecord extends Tracked {
        final InteractionRow filed;
        final boolean delivers;
        LocalDateTime resolved;

        ComplaintRecord(int store, InteractionRow filed, boolean delivers) {
            super(store);
            this.filed = filed;
            this.delivers = delivers;
        }

        @Override
        CanonicalRecord snapshot() {
            return CanonicalRecord.of(new InteractionRow(filed.interactionId(), filed.customerSourceId(),
                    filed.interactionType(), filed.interactionDate(), filed.channel(), filed.category(), resolved,
                    null, null, filed.relatedOrderId()));
        }
    }

    private final ExtractContext context;
    private final Person person;
    private final SplittableRandom rng;
    private final ExtractSink sink;
    private final List<CustomerRecord> customers = new ArrayList<>();
    private final List<VehicleRecord> vehicles = new ArrayList<>();
    private final List<ComplaintRecord> complaints = new ArrayList<>();
    private final List<String> vins = new ArrayList<>();
    private final List<Tracked> dirty = new ArrayList<>();
    private int interactions;
    private int leads;

    /** Recorder for one person; {@code rng} is the person's presentation stream. */
    public ExtractRecorder(ExtractContext context, Person person, SplittableRandom rng, ExtractSink sink) {
        this.context = context;
        this.person = person;
        this.rng = rng;
        this.sink = sink;
    }

    /** Delivers every change still pending; call once the life has been simulated. */
    public void finish() {
        flushBefore(Integer.MAX_VALUE);
    }

    @Override
    public void purchased(PersonState state, VehicleState vehicle, int store, long minute) {
        int day = sync(minute);
        CustomerRecord buyer = customer(state, store, SourceSystem.SALES, minute);
        VehicleRecord record = vehicle(store, vehicle, buyer.sourceId, day, true);
        Vehicle v = vehicle.vehicle();
        event(store, day, CanonicalRecord.of(new SaleRow(
                context.ids().document(store, VendorStyle.Document.SALE, person.index(), v.number()),
                buyer.sourceId, record.vin, time(minute), new Money(v.price() * 100), v.saleType())));
    }

    @Override
    public void serviced(PersonState state, VehicleState vehicle, int store, ServiceType type, long minute,
            int mileage, int visit) {
        int day = sync(minute);
        CustomerRecord owner = customer(state, store, SourceSystem.SERVICE, minute);
        VehicleRecord record = vehicle(store, vehicle, owner.sourceId, day, false);
        if (type == ServiceType.INSPECTION) {
            record.inspectionDue = LocalDate.ofEpochDay(vehicle.inspectionDue());
            touch(record, day);
        }
        String orderId = orderId(store, visit);
        List<ServiceLineRow> lines = ServiceCatalog.lines(orderId, type, vehicle.vehicle().brand(),
                vehicle.maintenanceCount(), context.technicians().get(store), rng);
        Money total = new Money(0);
        for (ServiceLineRow line : lines) {
            total = total.plus(line.amount());
        }
        long closed = closingMinute(type, minute);
        ServiceOrderRow order = new ServiceOrderRow(orderId, owner.sourceId, record.vin, time(minute), time(closed),
                mileage, type, total);
        // Orders reach the extract when settled.
        event(store, (int) (closed / Life.MINUTES_PER_DAY), CanonicalRecord.of(order, lines));
    }

    @Override
    public void complaintFiled(PersonState state, int store, int complaint, int visit, ComplaintCategory category,
            long minute) {
        int day = sync(minute);
        CustomerRecord crm = customer(state, store, SourceSystem.CRM, minute);
        ContactChannel channel = rng.nextDouble() < 0.5 ? ContactChannel.PHONE
                : rng.nextBoolean() ? ContactChannel.STORE : ContactChannel.WECHAT;
        InteractionRow filed = new InteractionRow(interactionId(store), crm.sourceId, InteractionType.COMPLAINT,
                time(minute), channel, category, null, null, null, orderId(store, visit));
        ComplaintRecord record = new ComplaintRecord(store, filed, day >= context.timeline().historyStart());
        complaints.add(record);
        if (record.delivers) {
            touch(record, day);
        }
    }

    @Override
    public void complaintResolved(PersonState state, int store, int complaint, long minute) {
        int day = sync(minute);
        ComplaintRecord record = complaints.get(complaint - 1);
        record.resolved = time(minute);
        if (record.delivers) {
            touch(record, day);
        }
    }

    @Override
    public void calledBack(PersonState state, int store, int visit, CallbackOutcome outcome, long minute) {
        interaction(state, store, InteractionType.CALLBACK, ContactChannel.PHONE, null, outcome, orderId(store, visit),
                minute);
    }

    @Override
    public void surveyed(PersonState state, int store, int visit, int score, long minute) {
        ContactChannel channel = rng.nextDouble() < 0.6 ? ContactChannel.SMS
                : rng.nextBoolean() ? ContactChannel.WECHAT : ContactChannel.PHONE;
        interaction(state, store, InteractionType.SURVEY, channel, score, null, orderId(store, visit), minute);
    }

    @Override
    public void consulted(PersonState state, int store, ContactChannel channel, long minute) {
        interaction(state, store, InteractionType.CONSULTATION, channel, null, null, null, minute);
    }

    @Override
    public void caredFor(PersonState state, int store, ContactChannel channel, long minute) {
        interaction(state, store, InteractionType.CARE, channel, null, null, null, minute);
    }

    @Override
    public void insuranceRenewed(PersonState state, VehicleState vehicle, int store, long minute) {
        int day = sync(minute);
        CustomerRecord owner = customer(state, store, SourceSystem.SERVICE, minute);
        VehicleRecord record = vehicle(store, vehicle, owner.sourceId, day, false);
        record.insuranceExpiry = LocalDate.ofEpochDay(vehicle.insuranceExpiry());
        touch(record, day);
    }

    /**
     * Opt-outs are registered by customer care, so they show on CRM records only (created if need be);
     * a blacklisting shows on every record.
     */
    @Override
    public void consentChanged(PersonState state, long minute) {
        int day = sync(minute);
        boolean hasCrm = customers.stream().anyMatch(c -> c.system == SourceSystem.CRM);
        if (!hasCrm) {
            customer(state, person.homeStore(), SourceSystem.CRM, minute);
        }
        for (CustomerRecord c : customers) {
            boolean optOut = c.system == SourceSystem.CRM && state.optOut();
            if (c.optOut != optOut || c.blacklist != state.blacklisted()) {
                c.optOut = optOut;
                c.blacklist = state.blacklisted();
                touch(c, day);
            }
        }
    }

    @Override
    public void tierChanged(PersonState state, int store, Tier tier, long minute) {
        int day = sync(minute);
        for (CustomerRecord c : customers) {
            if (c.store == store && c.tier != tier) {
                c.tier = tier;
                touch(c, day);
            }
        }
    }

    @Override
    public void visitedShowroom(PersonState state, int store, LeadChannel channel, long minute) {
        int day = sync(minute);
        Store shop = context.stores().get(store);
        String leadId = context.ids().document(store, VendorStyle.Document.LEAD, person.index(), leads++);
        LeadRow lead = new LeadRow(leadId, Presentation.name(person.name(), rng),
                Presentation.phone(person.mobileOn(day), person.landline(), true, rng), time(minute),
                Draws.pick(rng, shop.brand().models()).name(), channel);
        if (event(store, day, CanonicalRecord.of(lead))) {
            sink.sourceRecord(store, Entity.LEAD, leadId, person);
        }
    }

    /** The new number reaches the customer-care record of the home store only; other systems keep the old one. */
    @Override
    public void phoneChanged(PersonState state, long minute) {
        int day = sync(minute);
        CustomerRecord crm = customer(state, person.homeStore(), SourceSystem.CRM, minute);
        crm.phone = Presentation.phone(person.mobileOn(day), person.landline(), false, rng);
        touch(crm, day);
    }

    private void interaction(PersonState state, int store, InteractionType type, ContactChannel channel, Integer score,
            CallbackOutcome outcome, String relatedOrder, long minute) {
        int day = sync(minute);
        CustomerRecord crm = customer(state, store, SourceSystem.CRM, minute);
        event(store, day, CanonicalRecord.of(new InteractionRow(interactionId(store), crm.sourceId, type, time(minute),
                channel, null, null, score, outcome, relatedOrder)));
    }

    /** The person's record in a store's department system, created on first use. */
    private CustomerRecord customer(PersonState state, int store, SourceSystem system, long minute) {
        for (CustomerRecord c : customers) {
            if (c.store == store && c.system == system) {
                return c;
            }
        }
        int day = (int) (minute / Life.MINUTES_PER_DAY);
        CustomerRecord c = new CustomerRecord(store, system,
                context.ids().customer(store, system, person.index()), time(minute));
        boolean company = person.kind() == PersonKind.COMMERCIAL;
        c.name = company ? Presentation.company(person.name(), rng) : Presentation.name(person.name(), rng);
        c.phone = Presentation.phone(person.mobileOn(day), person.landline(), system != SourceSystem.SALES, rng);
        double idShare = switch (system) {
            case SALES -> ID_ON_SALES;
            case SERVICE -> ID_ON_SERVICE;
            case CRM -> ID_ON_CRM;
        };
        c.idNumber = !company && rng.nextDouble() < idShare ? person.idNumber() : null;
        boolean demographics = !company && rng.nextDouble() < (system == SourceSystem.SALES ? 0.95 : 0.4);
        c.gender = demographics ? person.gender() : null;
        c.birthDate = demographics ? person.birthDate() : null;
        c.type = company ? CustomerType.COMMERCIAL : CustomerType.PRIVATE;
        c.company = company ? Presentation.company(person.name(), rng) : null;
        c.tier = state.tierAt(store);
        c.optOut = system == SourceSystem.CRM && state.optOut();
        c.blacklist = state.blacklisted();
        double u = rng.nextDouble();
        c.city = u < 0.92 ? context.stores().get(store).city().name()
                : u < 0.96 ? context.stores().get(person.homeStore()).city().name() : null;
        customers.add(c);
        touch(c, day);
        return c;
    }

    /** The vehicle's record at a store, created on first use; the selling store knows its dates. */
    private VehicleRecord vehicle(int store, VehicleState state, String owner, int day, boolean soldHere) {
        Vehicle v = state.vehicle();
        for (VehicleRecord r : vehicles) {
            if (r.store == store && r.number == v.number()) {
                return r;
            }
        }
        while (vins.size() <= v.number()) {
            vins.add(null);
        }
        if (vins.get(v.number()) == null) {
            vins.set(v.number(), context.ids().vin(person.index(), v.number(), v.brand(), v.model(), v.modelYear()));
        }
        String plate = context.ids().plate(person.index(), v.number(), context.stores().get(v.soldAt()).city(), store);
        VehicleRecord r = new VehicleRecord(store, v, vins.get(v.number()), plate, owner);
        if (soldHere || rng.nextDouble() < 0.5) {
            r.purchaseDate = LocalDate.ofEpochDay(v.purchaseDay());
        }
        if (soldHere) {
            r.insuranceExpiry = LocalDate.ofEpochDay(state.insuranceExpiry());
            r.inspectionDue = LocalDate.ofEpochDay(state.inspectionDue());
        }
        vehicles.add(r);
        touch(r, day);
        return r;
    }

    private String orderId(int store, int visit) {
        return context.ids().document(store, VendorStyle.Document.REPAIR_ORDER, person.index(), visit);
    }

    private String interactionId(int store) {
        return context.ids().document(store, VendorStyle.Document.INTERACTION, person.index(), interactions++);
    }

    /** Delivers an event record in the night of its day; false when it is never delivered. */
    private boolean event(int store, int day, CanonicalRecord record) {
        int night = context.timeline().nightOf(day);
        if (day < context.timeline().historyStart() || night < 0) {
            return false;
        }
        sink.extract(store, night, record);
        return true;
    }

    /** Marks a master record changed on {@code day}; it is delivered once that night is over. */
    private void touch(Tracked record, int day) {
        int night = context.timeline().nightOf(day);
        if (night >= 0 && record.dirtyNight < 0) {
            record.dirtyNight = night;
            dirty.add(record);
        }
    }

    /**
     * Called before every change: delivers the records changed in earlier nights in their state at the
     * end of that night. Returns the day of {@code minute}.
     */
    private int sync(long minute) {
        int day = (int) (minute / Life.MINUTES_PER_DAY);
        int night = context.timeline().nightOf(day);
        flushBefore(night < 0 ? Integer.MAX_VALUE : night);
        return day;
    }

    private void flushBefore(int night) {
        for (Iterator<Tracked> it = dirty.iterator(); it.hasNext();) {
            Tracked record = it.next();
            if (record.dirtyNight < night) {
                sink.extract(record.store, record.dirtyNight, record.snapshot());
                if (!record.delivered && record instanceof CustomerRecord c) {
                    sink.sourceRecord(record.store, Entity.CUSTOMER, c.sourceId, person);
                }
                record.delivered = true;
                record.dirtyNight = -1;
                it.remove();
            }
        }
    }

    /** How long the workshop keeps the car: hours for routine work, days for repairs, weeks for bodywork. */
    private long closingMinute(ServiceType type, long open) {
        int minutes = switch (type) {
            case MAINTENANCE -> Draws.between(rng, 60, 240);
            case INSPECTION -> Draws.between(rng, 60, 180);
            case REPAIR -> Draws.between(rng, 120, 3 * Life.MINUTES_PER_DAY);
            case WARRANTY -> Draws.between(rng, 120, 4 * Life.MINUTES_PER_DAY);
            case ACCIDENT -> Draws.between(rng, 3 * Life.MINUTES_PER_DAY, 15 * Life.MINUTES_PER_DAY);
        };
        return open + minutes;
    }

    private static LocalDateTime time(long minute) {
        return LocalDateTime.ofEpochSecond(minute * 60, 0, ZoneOffset.UTC);
    }
}
