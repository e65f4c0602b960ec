package org.gleaner.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Stable ids for what we send: the same (watch, story) always gives the same id, so a receiver can
 * drop a repeat after a crash or a replay ({@code webhook-id}, Atom entry id, e-mail Message-ID).
 */
public final class DeliveryIds {
    private DeliveryIds() {}

    public static String forStory(long watchId, String storyId) {
        return "msg_" + hash(watchId + "\n" + storyId);
    }

    /** A digest is one message per channel and window. */
    public static String forDigest(long channelId, Instant windowEnd) {
        return "msg_digest_" + hash(channelId + "\n" + windowEnd.toEpochMilli());
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
