package org.retentionwarehouse.warehouse.table;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** What a canonical source field holds; decides how it is validated, normalized and stored. */
public enum FieldType {
    TEXT(DataTypes.StringType),
    /** A person's or company's name: width-folded, inner spaces removed for Chinese. */
    NAME(DataTypes.StringType),
    /** A phone number normalized to digits (mobile: 11 digits; landline: area code + number). */
    PHONE(DataTypes.StringType),
    /** An ID-card number; stored only as a keyed hash. */
    ID_NUMBER(DataTypes.StringType),
    VIN(DataTypes.StringType),
    PLATE(DataTypes.StringType),
    /** The date of something that happened: never after the night its file covers. */
    DATE(DataTypes.DateType),
    /** A date that may lie ahead (an insurance expiry, an inspection due). */
    DUE_DATE(DataTypes.DateType),
    /** A money amount; negative values are rejected. */
    AMOUNT(DataTypes.createDecimalType(14, 2)),
    DECIMAL(DataTypes.createDecimalType(14, 2)),
    INT(DataTypes.IntegerType),
    BOOLEAN(DataTypes.BooleanType),
    /** An enumeration: source codes are mapped to canonical codes by the store's dialect. */
    CODE(DataTypes.StringType);

    private final DataType sparkType;

    FieldType(DataType sparkType) {
        this.sparkType = sparkType;
    }

    public DataType sparkType() {
        return sparkType;
    }
}
