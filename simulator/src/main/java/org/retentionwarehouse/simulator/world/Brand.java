package org.retentionwarehouse.simulator.world;

import java.util.List;

/**
 * A make sold by some of the group's 4S stores, as a Chinese joint venture builds it.
 *
 * @param storeLabel    how stores of this make name themselves (上汽大众, 奥迪...)
 * @param make          brand as vehicle records write it
 * @param wmi           world manufacturer identifier of the JV plant (VIN positions 1-3)
 * @param plants        plant codes (VIN position 11)
 * @param partPrefix    prefix of the make's part numbers
 * @param serviceFactor price level of parts and labour relative to a volume make
 * @param models        models on sale
 */
public record Brand(String storeLabel, String make, String wmi, String plants, String partPrefix, double serviceFactor,
        List<VehicleModel> models) {
}
