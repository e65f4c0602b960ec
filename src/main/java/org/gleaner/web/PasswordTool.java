package org.gleaner.web;

import java.io.Console;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Prints a {@link PasswordHash} for the admin password, read from the terminal without echo:
 * {@code java -cp gleaner.jar org.gleaner.web.PasswordTool}.
 */
public final class PasswordTool {
    private PasswordTool() {}

    // Run on JDK 17+: a null console (stdin redirected) is refused so the password never comes from a pipe log.
    @SuppressWarnings("SystemConsoleNull")
    public static void main(String[] args) {
        Console console = System.console();
        PrintStream out =
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        if (console == null) {
            out.println("run this on a terminal: the password is read without echo");
            System.exit(2);
            return;
        }
        char[] first = console.readPassword("Admin password: ");
        char[] second = console.readPassword("Again: ");
        if (first == null || second == null || first.length == 0 || !Arrays.equals(first, second)) {
            out.println("the passwords were empty or differ; nothing printed");
            System.exit(1);
            return;
        }
        out.println(PasswordHash.create(first, new SecureRandom()));
        Arrays.fill(first, '\0');
        Arrays.fill(second, '\0');
    }
}
