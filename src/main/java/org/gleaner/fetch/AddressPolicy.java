package org.gleaner.fetch;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which resolved addresses Gleaner may connect to (DESIGN invariant 6). Public unicast addresses are permitted; the
 * special-purpose ranges in {@link #REFUSED_RANGES} are refused unless a configured allow-list
 * ({@code allow_networks}, global or per feed) covers them. An IPv6 address that embeds an IPv4 address (mapped,
 * compatible, NAT64, 6to4, Teredo) is judged by the embedded IPv4 address, because that is where packets end up.
 *
 * <p>{@link HttpFetcher} applies the policy to the address it actually connects to, on every hop.
 */
public final class AddressPolicy {

    /** A refused range, the word used in messages ("loopback"), and why it is refused. */
    private record Range(Cidr cidr, String kind, String why) {}

    /** The special-purpose ranges a feed fetcher must never reach unless allow-listed; the first match names it. */
    private static final List<Range> REFUSED_RANGES = List.of(
            range("0.0.0.0/8", "unspecified", "\"this network\"; 0.0.0.0 reaches the local host on Linux"),
            range("10.0.0.0/8", "private", "RFC 1918 intranet"),
            range("100.64.0.0/10", "carrier-grade NAT", "RFC 6598 shared address space inside ISPs"),
            range("127.0.0.0/8", "loopback", "this machine, including Gleaner's own web port"),
            range("169.254.0.0/16", "link-local", "includes 169.254.169.254, the cloud metadata service"),
            range("172.16.0.0/12", "private", "RFC 1918 intranet"),
            range("192.0.0.0/24", "reserved", "IETF protocol assignments"),
            range("192.0.2.0/24", "documentation", "TEST-NET-1, never on the internet"),
            range("192.88.99.0/24", "reserved", "deprecated 6to4 relay anycast"),
            range("192.168.0.0/16", "private", "RFC 1918 intranet and home routers"),
            range("198.18.0.0/15", "reserved", "benchmarking networks"),
            range("198.51.100.0/24", "documentation", "TEST-NET-2"),
            range("203.0.113.0/24", "documentation", "TEST-NET-3"),
            range("224.0.0.0/4", "multicast", "not a single server"),
            range("255.255.255.255/32", "broadcast", "every host on the local network"),
            range("240.0.0.0/4", "reserved", "class E, not routed"),
            range("::/128", "unspecified", "the IPv6 any-address"),
            range("::1/128", "loopback", "this machine"),
            range("100::/64", "reserved", "discard-only prefix"),
            range("2001:db8::/32", "documentation", "never on the internet"),
            range("fc00::/7", "unique local", "IPv6 intranet (ULA)"),
            range("fe80::/10", "link-local", "the local link only"),
            range("fec0::/10", "site-local", "deprecated IPv6 intranet prefix"),
            range("ff00::/8", "multicast", "not a single server"));

    private static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(List.of());

    private final List<Cidr> allowed;

    private AddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Public unicast addresses only. */
    public static AddressPolicy publicOnly() {
        return PUBLIC_ONLY;
    }

    /**
     * Public addresses plus the given networks, e.g. {@code "10.0.0.0/8"}, {@code "127.0.0.1/32"}, {@code "::1/128"}
     * (a bare address means a single host).
     *
     * @throws IllegalArgumentException naming the offending entry when one is not an IP network
     */
    public static AddressPolicy allowing(List<String> cidrs) {
        return PUBLIC_ONLY.plus(cidrs);
    }

    /** This policy with more allowed networks, e.g. a feed's own allow-list on top of the global one. */
    public AddressPolicy plus(List<String> extraCidrs) {
        if (extraCidrs.isEmpty()) {
            return this;
        }
        LinkedHashSet<Cidr> all = new LinkedHashSet<>(allowed);
        for (String cidr : extraCidrs) {
            all.add(Cidr.parse(cidr));
        }
        return new AddressPolicy(new ArrayList<>(all));
    }

    public boolean permits(InetAddress address) {
        return refusal(address) == null;
    }

    /**
     * Why the address is refused, as words for a message ("loopback", "private", "link-local", …), or null when it
     * is permitted.
     */
    public @Nullable String refusal(InetAddress address) {
        InetAddress embedded = embeddedIpv4(address);
        InetAddress judged = embedded == null ? address : embedded;
        for (Cidr cidr : allowed) {
            if (cidr.contains(judged) || cidr.contains(address)) {
                return null;
            }
        }
        for (Range range : REFUSED_RANGES) {
            if (range.cidr().contains(judged)) {
                return embedded == null
                        ? range.kind()
                        : range.kind() + " (IPv4 " + judged.getHostAddress() + " embedded in IPv6)";
            }
        }
        return null;
    }

    /** The allow-listed networks as written (normalised to lower case). */
    public List<String> allowedNetworks() {
        return allowed.stream().map(Cidr::toString).toList();
    }

    /**
     * The IPv4 address an IPv6 address carries, or null. Java already folds {@code ::ffff:a.b.c.d} into an
     * {@link Inet4Address} when it parses text, but not when an address is built from bytes, so all forms are checked.
     */
    static @Nullable InetAddress embeddedIpv4(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return null;
        }
        if (allZero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return v4(b[12], b[13], b[14], b[15]); // ::ffff:0:0/96 IPv4-mapped
        }
        if (allZero(b, 0, 8) && (b[8] & 0xFF) == 0xFF && (b[9] & 0xFF) == 0xFF && allZero(b, 10, 12)) {
            return v4(b[12], b[13], b[14], b[15]); // ::ffff:0:0:0/96 IPv4-translated (SIIT)
        }
        if (allZero(b, 0, 12) && !(allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1))) {
            return v4(b[12], b[13], b[14], b[15]); // ::/96 IPv4-compatible (deprecated), but not :: or ::1
        }
        if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) {
            if (allZero(b, 4, 12)) {
                return v4(b[12], b[13], b[14], b[15]); // 64:ff9b::/96 well-known NAT64
            }
            if (b[4] == 0 && b[5] == 1) {
                return v4(b[12], b[13], b[14], b[15]); // 64:ff9b:1::/48 local-use NAT64
            }
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return v4(b[2], b[3], b[4], b[5]); // 2002::/16 6to4
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            return v4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]); // 2001::/32 Teredo client
        }
        return null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress v4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static Range range(String cidr, String kind, String why) {
        return new Range(Cidr.parse(cidr), kind, why);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof AddressPolicy p && allowed.equals(p.allowed);
    }

    @Override
    public int hashCode() {
        return allowed.hashCode();
    }

    @Override
    public String toString() {
        return allowed.isEmpty() ? "AddressPolicy[public only]" : "AddressPolicy[public + " + allowed + "]";
    }
}
