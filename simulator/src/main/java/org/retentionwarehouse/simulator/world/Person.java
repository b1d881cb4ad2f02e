package org.retentionwarehouse.simulator.world;

import java.time.LocalDate;
import org.retentionwarehouse.simulator.model.Gender;

/**
 * A simulated person: identity, latent traits and the stores they use. Immutable; what changes
 * over a life lives in the behaviour state.
 *
 * @param index                person number
 * @param id                   truth id (P0000001...)
 * @param kind                 private, commercial or prospect
 * @param role                 part in a trap
 * @param partner              the other person of a trap pair, or -1
 * @param name                 canonical name (company name for companies)
 * @param gender               gender (meaningless for companies)
 * @param birthDate            birth date
 * @param idNumber             resident ID number, {@code null} for companies
 * @param mobile               mobile the person gives (a company gives its contact's)
 * @param landline             home or office landline
 * @param homeStore            store the person lives near
 * @param firstStore           store of the first purchase
 * @param secondStore          another store of the same make used now and then, or -1
 * @param entryDay             day of the first purchase (customers) or first showroom visit (prospects)
 * @param loyalty              latent loyalty 0..1
 * @param kmPerDay             mean daily distance
 * @param complaintSensitivity propensity to complain about poor service, 0..1
 * @param fleetSize            vehicles bought at entry
 * @param phoneChangeDay       day the person gives up their mobile, or {@link #NEVER}
 * @param laterMobile          mobile used after {@code phoneChangeDay}, or {@code null}
 */
public record Person(int index, String id, PersonKind kind, TrapRole role, int partner, String name, Gender gender,
        LocalDate birthDate, String idNumber, String mobile, String landline, int homeStore, int firstStore,
        int secondStore, int entryDay, double loyalty, double kmPerDay, double complaintSensitivity, int fleetSize,
        int phoneChangeDay, String laterMobile) {

    /** Day value for "never". */
    public static final int NEVER = Integer.MAX_VALUE;

    /** True for private and commercial customers. */
    public boolean customer() {
        return kind != PersonKind.PROSPECT;
    }

    /** The mobile in use on a day. */
    public String mobileOn(int day) {
        return day >= phoneChangeDay ? laterMobile : mobile;
    }
}
