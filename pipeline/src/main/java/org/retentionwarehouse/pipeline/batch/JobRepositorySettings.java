package org.retentionwarehouse.pipeline.batch;

import java.util.Map;

/**
 * Where the Spring Batch job repository lives: empty {@code url} for the embedded H2 file database
 * under {@code state/}, else a JDBC URL (PostgreSQL on a cluster, where runs must see each other
 * from any machine). Read once from the environment so that the password never sits in a file of
 * the data home.
 *
 * @param url      {@code RETENTION_JOB_REPOSITORY_URL}, e.g. {@code jdbc:postgresql://db:5432/retention}
 * @param user     {@code RETENTION_JOB_REPOSITORY_USER}
 * @param password {@code RETENTION_JOB_REPOSITORY_PASSWORD}
 */
public record JobRepositorySettings(String url, String user, String password) {

    public static final String URL = "RETENTION_JOB_REPOSITORY_URL";
    public static final String USER = "RETENTION_JOB_REPOSITORY_USER";
    public static final String PASSWORD = "RETENTION_JOB_REPOSITORY_PASSWORD";

    public JobRepositorySettings {
        url = url == null ? "" : url.trim();
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** The settings named by the process environment. */
    public static JobRepositorySettings fromEnvironment() {
        return from(System.getenv());
    }

    static JobRepositorySettings from(Map<String, String> env) {
        return new JobRepositorySettings(env.get(URL), env.get(USER), env.get(PASSWORD));
    }

    /** True for the embedded H2 database under {@code state/}. */
    public boolean embedded() {
        return url.isEmpty();
    }
}
