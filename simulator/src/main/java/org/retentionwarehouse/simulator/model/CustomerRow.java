package org.retentionwarehouse.simulator.model;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** A customer record of one department system in one store. */
public record CustomerRow(String sourceId, SourceSystem sourceSystem, String name, String phone, String idNumber,
        Gender gender, LocalDate birthDate, CustomerType customerType, String companyName, Tier tier, Boolean optOut,
        Boolean blacklist, String city, LocalDateTime createdDate) implements ExtractRow {

    @Override
    public Entity entity() {
        return Entity.CUSTOMER;
    }

    @Override
    public Object[] values() {
        return new Object[] {sourceId, sourceSystem, name, phone, idNumber, gender, birthDate, customerType,
            companyName, tier, optOut, blacklist, city, createdDate};
    }
}
