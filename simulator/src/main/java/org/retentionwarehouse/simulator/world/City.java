package org.retentionwarehouse.simulator.world;

import java.util.List;

/**
 * A city the group has stores in.
 *
 * @param name        Chinese name
 * @param province    one-character province abbreviation used on plates (浙, 沪, 苏...)
 * @param plateLetter city letter on plates
 * @param areaCode    telephone area code with the leading zero
 * @param districts   district names used in store names
 */
public record City(String name, String province, char plateLetter, String areaCode, List<String> districts) {
}
