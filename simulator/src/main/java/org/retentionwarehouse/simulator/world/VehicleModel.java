package org.retentionwarehouse.simulator.world;

/**
 * A model a brand sells.
 *
 * @param name     model name as dealers write it
 * @param vinCode  two VIN characters (positions 4-5) identifying the model line
 * @param minPrice lowest new price in yuan
 * @param maxPrice highest new price in yuan
 */
public record VehicleModel(String name, String vinCode, long minPrice, long maxPrice) {
}
