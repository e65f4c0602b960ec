package org.gleaner.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Checks {@code allow_networks} entries: an IPv4 or IPv6 literal with an optional prefix length
 * ({@code 10.0.0.0/8}, {@code fd00::/8}, {@code 192.168.1.20}). Host names are refused: the address
 * policy decides on the addresses actually connected, and a name would need a DNS lookup here.
 */
final class Networks {
    private Networks() {}

    /** Throws {@link IllegalArgumentException} with a user-facing message when {@code text} is no network. */
    static void check(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        int bits;
        if (isIpv4(address)) {
            bits = 32;
        } else if (looksLikeIpv6(address)) {
            try {
                // A string of hex digits and colons is parsed as a literal: no DNS lookup happens.
                InetAddress.getByName(address);
            } catch (UnknownHostException | SecurityException e) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv6 address", e);
            }
            bits = 128;
        } else {
            throw new IllegalArgumentException("'" + text
                    + "' is not a network: write an address with a prefix length, like 10.0.0.0/8 or fd00::/8");
        }
        if (slash >= 0) {
            String prefix = s.substring(slash + 1);
            int length;
            try {
                length = prefix.isEmpty() || prefix.length() > 3 ? -1 : Integer.parseInt(prefix);
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0 || length > bits) {
                throw new IllegalArgumentException(
                        "'" + text + "': the prefix length must be a number from 0 to " + bits);
            }
        }
    }

    private static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeIpv6(String s) {
        String bare = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        return bare.indexOf(':') >= 0
                && bare.chars()
                        .allMatch(c -> (c >= '0' && c <= '9')
                                || (c >= 'a' && c <= 'f')
                                || (c >= 'A' && c <= 'F')
                                || c == ':'
                                || c == '.');
    }
}
