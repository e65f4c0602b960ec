package org.gleaner.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** An IPv4 or IPv6 network in CIDR notation, parsed without any DNS lookup. */
final class Cidr {
    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    static Cidr parse(String cidr) {
        String trimmed = cidr.strip();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = parseLiteral(addressPart, cidr);
        byte[] bytes = address.getAddress();
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String prefixPart = trimmed.substring(slash + 1);
            if (!prefixPart.matches("\\d{1,3}")) {
                throw new IllegalArgumentException(
                        "bad network '" + cidr + "': the prefix length after '/' must be a number");
            }
            prefix = Integer.parseInt(prefixPart);
            if (prefix > max) {
                throw new IllegalArgumentException("bad network '" + cidr + "': prefix length " + prefix
                        + " is longer than the " + max + " bits of the address");
            }
        }
        return new Cidr(mask(bytes, prefix), prefix, trimmed.toLowerCase(Locale.ROOT));
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        return java.util.Arrays.equals(mask(bytes, prefix), network);
    }

    /** Parses an IP literal strictly: dotted-quad decimal IPv4 or IPv6; anything else is refused, never resolved. */
    private static InetAddress parseLiteral(String text, String whole) {
        try {
            if (text.contains(":")) {
                String inner = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
                if (inner.contains("%") || inner.contains("[") || inner.contains("]")) {
                    throw new IllegalArgumentException("bad network '" + whole + "': not an IPv6 address");
                }
                InetAddress address = InetAddress.getByName("[" + inner + "]");
                if (address.getAddress().length == 4) {
                    // Java folds ::ffff:a.b.c.d into IPv4; a prefix written for IPv6 would then mean something else.
                    throw new IllegalArgumentException("bad network '" + whole
                            + "': write IPv4-mapped networks in IPv4 form (the embedded IPv4 address is judged)");
                }
                return address;
            }
            if (!text.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
                throw new IllegalArgumentException(
                        "bad network '" + whole + "': expected an address like 10.0.0.0/8 or fd00::/8");
            }
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad network '" + whole + "': " + e.getMessage(), e);
        }
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - bitsHere)));
        }
        return out;
    }

    @Override
    public boolean equals(@org.jspecify.annotations.Nullable Object o) {
        return o instanceof Cidr c && prefix == c.prefix && java.util.Arrays.equals(network, c.network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
