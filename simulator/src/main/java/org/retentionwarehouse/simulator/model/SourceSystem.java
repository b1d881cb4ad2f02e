package org.retentionwarehouse.simulator.model;

/** Department system a customer record lives in (sales, service and CRM are separate islands). */
public enum SourceSystem implements CanonicalCode {
    SALES, SERVICE, CRM
}
