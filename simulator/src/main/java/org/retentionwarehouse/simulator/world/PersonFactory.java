package org.retentionwarehouse.simulator.world;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.retentionwarehouse.simulator.model.Gender;
import org.retentionwarehouse.simulator.random.Draws;
import org.retentionwarehouse.simulator.random.Seeds;

/**
 * Creates any person from the seed and their number alone, so workers need no shared population
 * table: a trap partner's shared phone or store is recomputed from the partner's number.
 */
public final class PersonFactory {

    private final long seed;
    private final Timeline timeline;
    private final PopulationPlan plan;
    private final Stores stores;
    private final IdentityNumbers numbers;

    /** Factory for the persons of a plan. */
    public PersonFactory(long seed, Timeline timeline, PopulationPlan plan, Stores stores) {
        this.seed = seed;
        this.timeline = timeline;
        this.plan = plan;
        this.stores = stores;
        this.numbers = new IdentityNumbers(seed, plan.persons(), LocalDate.ofEpochDay(timeline.firstNight()));
    }

    /** The plan the persons follow. */
    public PopulationPlan plan() {
        return plan;
    }

    /** The person with the given number. */
    public Person create(int index) {
        PopulationPlan.Assignment a = plan.assignment(index);
        Person partner = a.partner() >= 0 && sharesWithPartner(a.role()) ? create(a.partner()) : null;
        SplittableRandom rng = Seeds.stream(seed, Seeds.Purpose.PERSON, index);
        boolean company = a.kind() == PersonKind.COMMERCIAL;

        Gender gender = rng.nextBoolean() ? Gender.MALE : Gender.FEMALE;
        if (a.role() == TrapRole.COMMON_NAME) {
            gender = PopulationPlan.commonNameGender(a.group());
        }
        int drawnHome = stores.drawHome(rng);
        int home = partner != null ? partner.homeStore() : drawnHome;
        String personalName = NamePool.personName(rng, gender);
        String companyName = NamePool.companyName(rng, stores.get(home).city());
        double loyalty = LoyaltyPrior.of(a.kind()).draw(rng);
        double kmPerDay = Draws.clamp(company ? Draws.logNormal(rng, 110, 0.35) : Draws.logNormal(rng, 42, 0.45),
                8, 300);
        double sensitivity = Draws.beta(rng, 2.0, 3.0);

        List<Integer> peers = stores.sameBrandAs(home);
        boolean buysElsewhere = rng.nextDouble() < 0.15;
        boolean usesSecond = rng.nextDouble() < 0.12;
        int peerPick = rng.nextInt(Integer.MAX_VALUE);
        int firstStore = home;
        int secondStore = -1;
        if (a.kind() == PersonKind.PROSPECT) {
            int other = (home + 1 + peerPick % Math.max(1, stores.size() - 1)) % stores.size();
            secondStore = stores.size() > 1 && rng.nextDouble() < 0.3 ? other : -1;
        } else if (!peers.isEmpty()) {
            int peer = peers.get(peerPick % peers.size());
            firstStore = a.kind() == PersonKind.PRIVATE && buysElsewhere ? peer : home;
            secondStore = usesSecond ? peer : -1;
        }

        int entry = entryDay(rng, a);
        int changeDay = Person.NEVER;
        String laterMobile = null;
        if (a.role() == TrapRole.PHONE_FIRST_OWNER) {
            changeDay = entry + Draws.between(rng, 90, 180);
            laterMobile = numbers.laterMobile(index);
        }
        if (a.role() == TrapRole.PHONE_SECOND_OWNER) {
            entry = partner.phoneChangeDay() + Draws.between(rng, 30, 90);
        }
        int fleetSize = switch (a.role()) {
            case FLEET_COMPANY -> Draws.between(rng, 6, 25);
            default -> company ? Draws.between(rng, 1, 3) : 1;
        };

        String name = company ? companyName
                : a.role() == TrapRole.COMMON_NAME ? PopulationPlan.commonName(a.group()) : personalName;
        IdentityNumbers.Card card = numbers.card(index, gender);
        String mobile = partner != null ? partner.mobile() : numbers.mobile(index);
        return new Person(index, String.format("P%07d", index + 1), a.kind(), a.role(), a.partner(), name, gender,
                card.birthDate(), company ? null : card.number(), mobile,
                numbers.landline(index, stores.get(home).city()), home, firstStore, secondStore, entry, loyalty,
                kmPerDay, sensitivity, fleetSize, changeDay, laterMobile);
    }

    /** Roles that take the partner's phone and store. */
    private static boolean sharesWithPartner(TrapRole role) {
        return role == TrapRole.FAMILY_MEMBER || role == TrapRole.FLEET_COMPANY || role == TrapRole.PHONE_SECOND_OWNER;
    }

    private int entryDay(SplittableRandom rng, PopulationPlan.Assignment a) {
        int historyStart = timeline.historyStart();
        return switch (a.role()) {
            // Early, so the number's first owner leaves records long before it changes hands.
            case PHONE_FIRST_OWNER -> historyStart
                    + Draws.between(rng, 0, Math.max(0, (timeline.firstNight() - historyStart - 300) / 2));
            // Other trap members enter inside the history so their records are in the initial extract.
            case FAMILY_HEAD, FAMILY_MEMBER, FLEET_COMPANY, FLEET_CONTACT, COMMON_NAME, PHONE_SECOND_OWNER ->
                    Draws.between(rng, historyStart, timeline.firstNight() - 45);
            case NONE -> a.kind() == PersonKind.PROSPECT ? Draws.between(rng, historyStart, timeline.lastNight())
                    : Draws.between(rng, timeline.earliestEntry(), timeline.lastNight());
        };
    }
}
