package org.gleaner.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            127.0.0.1                     | loopback
            127.255.255.254               | loopback
            10.0.0.1                      | private
            10.255.255.255                | private
            172.16.0.1                    | private
            172.31.255.255                | private
            192.168.1.1                   | private
            169.254.169.254               | link-local
            169.254.0.1                   | link-local
            100.64.0.1                    | carrier-grade NAT
            100.127.255.254               | carrier-grade NAT
            0.0.0.0                       | unspecified
            0.1.2.3                       | unspecified
            224.0.0.1                     | multicast
            239.255.255.250               | multicast
            255.255.255.255               | broadcast
            240.0.0.1                     | reserved
            192.0.0.8                     | reserved
            192.0.2.1                     | documentation
            198.18.0.1                    | reserved
            198.51.100.7                  | documentation
            203.0.113.9                   | documentation
            ::                            | unspecified
            ::1                           | loopback
            fc00::1                       | unique local
            fd12:3456:789a::1             | unique local
            fe80::1                       | link-local
            febf:ffff::1                  | link-local
            fec0::1                       | site-local
            ff02::1                       | multicast
            2001:db8::1                   | documentation
            100::1                        | reserved
            """)
    void publicOnlyRefusesSpecialPurposeAddresses(String address, String kind) throws Exception {
        InetAddress a = literal(address);

        assertThat(AddressPolicy.publicOnly().permits(a)).isFalse();
        assertThat(AddressPolicy.publicOnly().refusal(a)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0} embeds {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            0000:0000:0000:0000:0000:ffff:7f00:0001 | loopback
            0000:0000:0000:0000:0000:ffff:0a00:0001 | private
            0000:0000:0000:0000:0000:ffff:a9fe:a9fe | link-local
            0000:0000:0000:0000:ffff:0000:7f00:0001 | loopback
            0000:0000:0000:0000:0000:0000:7f00:0001 | loopback
            0064:ff9b:0000:0000:0000:0000:7f00:0001 | loopback
            0064:ff9b:0000:0000:0000:0000:c0a8:0001 | private
            0064:ff9b:0001:0000:0000:0000:0a00:0001 | private
            2002:7f00:0001:0000:0000:0000:0000:0001 | loopback
            2002:a9fe:a9fe:0000:0000:0000:0000:0001 | link-local
            2002:0a00:0001:0000:0000:0000:0000:0001 | private
            2001:0000:4136:e378:8000:63bf:80ff:fffe | loopback
            """)
    void ipv6AddressesAreJudgedByTheEmbeddedIpv4Address(String ipv6, String kind) throws Exception {
        InetAddress a = ipv6Bytes(ipv6);

        assertThat(a).isInstanceOf(Inet6Address.class);
        assertThat(AddressPolicy.publicOnly().permits(a)).isFalse();
        assertThat(AddressPolicy.publicOnly().refusal(a)).startsWith(kind + " (IPv4 ");
    }

    @ParameterizedTest(name = "{0} is public")
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "93.184.216.34",
                "172.15.255.255",
                "172.32.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "192.169.0.1",
                "169.253.255.255",
                "223.255.255.255",
                "11.0.0.1",
                "2606:4700:4700::1111",
                "2a00:1450:4001:80b::200e",
                "2001:4860:4860::8888",
                "2002:0808:0808::1",
                "64:ff9b::808:808",
                "::ffff:8.8.8.8"
            })
    void publicOnlyPermitsPublicUnicastAddresses(String address) throws Exception {
        InetAddress a = literal(address);

        assertThat(AddressPolicy.publicOnly().permits(a)).isTrue();
        assertThat(AddressPolicy.publicOnly().refusal(a)).isNull();
    }

    @ParameterizedTest(name = "allowing {0}: {1} permitted={2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            10.0.0.0/8        | 10.20.30.40     | true
            10.0.0.0/8        | 11.0.0.1        | true
            10.0.0.0/8        | 192.168.0.1     | false
            10.0.0.0/8        | 127.0.0.1       | false
            127.0.0.1/32      | 127.0.0.1       | true
            127.0.0.1/32      | 127.0.0.2       | false
            127.0.0.1         | 127.0.0.1       | true
            192.168.0.0/24    | 192.168.0.255   | true
            192.168.0.0/24    | 192.168.1.0     | false
            ::1/128           | ::1             | true
            ::1/128           | 127.0.0.1       | false
            fd00::/8          | fd00:1234::1    | true
            fd00::/8          | fc00::1         | false
            10.1.2.3/8        | 10.200.0.1      | true
            0.0.0.0/0         | 169.254.169.254 | true
            """)
    void allowListAddsNetworksToThePublicOnes(String cidr, String address, boolean permitted) throws Exception {
        assertThat(AddressPolicy.allowing(List.of(cidr)).permits(literal(address)))
                .isEqualTo(permitted);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0000:0000:0000:0000:0000:ffff:0a01:0203",
                "0064:ff9b:0000:0000:0000:0000:0a01:0203",
                "2002:0a01:0203:0000:0000:0000:0000:0001"
            })
    void allowListCoversIpv4EmbeddedInIpv6(String ipv6) throws Exception {
        AddressPolicy policy = AddressPolicy.allowing(List.of("10.0.0.0/8"));

        assertThat(policy.permits(ipv6Bytes(ipv6))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0/33",
                "::1/129",
                "example.com/8",
                "localhost",
                "10.0.0/8",
                "10.0.0.0/x",
                "10.0.0.0/-1",
                "",
                "256.0.0.0/8",
                "0x0a.0.0.0/8",
                "010.0.0.0/8",
                "fe80::1%eth0/64",
                "::ffff:10.0.0.0/104"
            })
    void badNetworksAreRejectedNamingTheEntry(String cidr) {
        assertThatThrownBy(() -> AddressPolicy.allowing(List.of("192.168.0.0/16", cidr)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad network '" + cidr + "'");
    }

    @org.junit.jupiter.api.Test
    void plusAddsAFeedsNetworksOnTopOfTheGlobalOnes() throws Exception {
        AddressPolicy global = AddressPolicy.allowing(List.of("10.0.0.0/8"));
        AddressPolicy feed = global.plus(List.of("192.168.5.0/24"));

        assertThat(feed.permits(literal("10.1.1.1"))).isTrue();
        assertThat(feed.permits(literal("192.168.5.9"))).isTrue();
        assertThat(global.permits(literal("192.168.5.9"))).isFalse();
        assertThat(feed.allowedNetworks()).containsExactly("10.0.0.0/8", "192.168.5.0/24");
        assertThat(global.plus(List.of())).isSameAs(global);
        assertThat(AddressPolicy.allowing(List.of("10.0.0.0/8"))).isEqualTo(global);
    }

    private static InetAddress literal(String text) throws UnknownHostException {
        return InetAddress.getByName(text.contains(":") ? "[" + text + "]" : text);
    }

    /** An Inet6Address from eight full groups, without Java folding ::ffff:a.b.c.d into IPv4. */
    private static InetAddress ipv6Bytes(String full) throws UnknownHostException {
        String[] groups = full.split(":");
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            int g = Integer.parseInt(groups[i], 16);
            bytes[2 * i] = (byte) (g >> 8);
            bytes[2 * i + 1] = (byte) g;
        }
        return Inet6Address.getByAddress(null, bytes, -1);
    }
}
