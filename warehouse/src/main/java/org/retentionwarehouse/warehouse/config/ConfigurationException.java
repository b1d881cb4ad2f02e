package org.retentionwarehouse.warehouse.config;

/**
 * A configuration or delivery problem an operator must fix before the night can run; the message
 * names the file, store, line or key. The command line maps it to exit code 2 (do not retry).
 */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
