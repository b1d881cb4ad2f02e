package org.retentionwarehouse.simulator.world;

/**
 * A 4S store of the group: what {@code stores.yaml} publishes plus the latent traits that shape its
 * customers' experience.
 *
 * @param index               0-based position
 * @param id                  store id, S01...
 * @param name                Chinese store name
 * @param city                city
 * @param brand               the make it sells and services
 * @param callingCapacity     calls its customer-care team can make per day
 * @param dialect             name of the DMS dialect its extracts use
 * @param weight              relative share of the group's customers who live near it
 * @param serviceQuality      mean quality of its workshop, 0..1
 * @param quickResolutionRate share of complaints it resolves quickly
 * @param resolutionDays      median days to resolve a complaint quickly
 */
public record Store(int index, String id, String name, City city, Brand brand, int callingCapacity, String dialect,
        double weight, double serviceQuality, double quickResolutionRate, double resolutionDays) {
}
