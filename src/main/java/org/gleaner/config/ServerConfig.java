package org.gleaner.config;

/** The {@code server:} section: where {@code gleaner run} serves the JSON API and the web page. */
public record ServerConfig(String bind, int port) {
    public static final String BIND = "127.0.0.1";
    public static final int PORT = 8080;

    /** 127.0.0.1:8080: loopback only, until the user chooses otherwise. */
    public static ServerConfig standard() {
        return new ServerConfig(BIND, PORT);
    }
}
