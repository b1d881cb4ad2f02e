package org.retentionwarehouse.simulator.model;

/** Channel of a customer-care interaction. */
public enum ContactChannel implements CanonicalCode {
    PHONE, WECHAT, STORE, SMS
}
