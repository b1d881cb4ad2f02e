package org.retentionwarehouse.ingest.identity;

import java.time.LocalDate;

/**
 * One source customer record as identity resolution sees it: the person's attributes plus the
 * transactions that tie it to other records (vehicles by VIN, service orders a CRM contact refers to).
 *
 * @param sound        the name's sound key ({@link org.retentionwarehouse.ingest.normalize.NameSounds})
 * @param mobile       whether {@code phone} is a mobile number (a landline is shared by a household)
 * @param firstSeen    the business date the record was first loaded; orders records for key choice
 * @param transactions the 64-bit hashes of tokens such as {@code V:<vin>} and {@code O:<store>:<order>}, ascending
 *                     ({@link CustomerEvidence#transactions}); shared tokens are evidence
 * @param known        the record's current link, null for a record not linked yet
 */
public record CustomerRecord(String storeId, String sourceId, String name, String sound, String phone, boolean mobile,
                             String idHash, LocalDate birthDate, String gender, String customerType, String city,
                             LocalDate createdDate, LocalDate firstSeen, long[] transactions, Link known) {

    /** A record's row in {@code core.customer_xref} as last written. */
    public record Link(String customerKey, String rule, double score, LocalDate firstSeen) { }

    /** The same record with its transactions, which are gathered apart from the rest. */
    CustomerRecord withTransactions(long[] tokens) {
        return new CustomerRecord(storeId, sourceId, name, sound, phone, mobile, idHash, birthDate, gender, customerType,
                city, createdDate, firstSeen, tokens, known);
    }

    /** The key this record gives its customer when it is the customer's anchor (oldest record). */
    String anchorKey() {
        return CustomerKeys.of(storeId, sourceId);
    }
}
