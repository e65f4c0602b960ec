package org.gleaner.config;

import org.jspecify.annotations.Nullable;

/**
 * The {@code mail:} section: the SMTP server that sends e-mail alerts. The password never sits in the
 * file: {@code passwordEnv} names the environment variable that holds it.
 *
 * @param user the SMTP login, null to send without authenticating
 * @param passwordEnv the environment variable holding the SMTP password
 * @param startTls require STARTTLS before authenticating
 */
public record MailConfig(
        String host, int port, String from, @Nullable String user, String passwordEnv, boolean startTls) {
    public static final int PORT = 25;
    public static final String FROM = "gleaner@localhost";
    public static final String PASSWORD_ENV = "GLEANER_SMTP_PASSWORD";
}
