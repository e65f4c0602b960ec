package org.gleaner.fetch;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Normalises a URL before anything connects, the way browsers read it rather than the way {@link InetAddress} does:
 * {@code http://2130706433/}, {@code http://0x7f.1/}, {@code http://0177.0.0.1/} and {@code http://127.1/} all mean
 * 127.0.0.1 to a browser (WHATWG URL host parsing), while Java would resolve some of them differently or send them
 * to DNS. After this step the host is either a canonical dotted-quad, a canonical IPv6 literal or an ASCII DNS name,
 * so the address policy judges what would really be reached.
 */
final class Urls {

    /** A URL that cannot or must not be fetched; the message is a sentence for the user. */
    static final class BadUrlException extends Exception {
        private static final long serialVersionUID = 1L;

        BadUrlException(String message) {
            super(message);
        }
    }

    private static final int MAX_HOST_LENGTH = 253;

    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final Pattern IP_LITERAL_V4 = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]*");

    private Urls() {}

    /** The canonical form of an absolute http(s) URL: lower-case host, no default port, no fragment, no user info. */
    static URI normalize(URI uri) throws BadUrlException {
        String scheme = uri.getScheme();
        if (scheme == null || uri.isOpaque()) {
            throw new BadUrlException("'" + uri + "' is not an absolute http or https URL");
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BadUrlException("only http and https URLs are fetched, not " + scheme + ": " + uri);
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new BadUrlException("'" + uri + "' has no host");
        }
        if (authority.contains("@")) {
            throw new BadUrlException("URLs with a user name or password are not fetched: " + redact(uri));
        }
        String hostPart;
        String portPart = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new BadUrlException("'" + uri + "' has an unterminated IPv6 address");
            }
            hostPart = authority.substring(0, close + 1);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new BadUrlException("'" + uri + "' has garbage after the IPv6 address");
                }
                portPart = rest.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            hostPart = colon < 0 ? authority : authority.substring(0, colon);
            portPart = colon < 0 ? null : authority.substring(colon + 1);
        }
        String host = canonicalHost(hostPart, uri);
        int port = -1;
        if (portPart != null && !portPart.isEmpty()) {
            if (!PORT.matcher(portPart).matches()
                    || Integer.parseInt(portPart) < 1
                    || Integer.parseInt(portPart) > 65535) {
                throw new BadUrlException("'" + uri + "' has an invalid port '" + portPart + "'");
            }
            port = Integer.parseInt(portPart);
            if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
                port = -1;
            }
        }
        String path = uri.getRawPath();
        StringBuilder sb = new StringBuilder(scheme).append("://").append(host);
        if (port != -1) {
            sb.append(':').append(port);
        }
        sb.append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            sb.append('?').append(uri.getRawQuery());
        }
        try {
            URI normalized = new URI(sb.toString());
            if (normalized.getHost() == null) {
                throw new BadUrlException("host name '" + host + "' is not valid in " + uri);
            }
            return normalized;
        } catch (URISyntaxException e) {
            throw new BadUrlException("'" + uri + "' is not a valid URL: " + e.getReason());
        }
    }

    /**
     * Resolves a URL from a response header ({@code Location}, {@code Content-Location}) against the URL
     * that sent it, then normalises the result.
     */
    static URI resolveHeader(URI base, String location) throws BadUrlException {
        URI target;
        try {
            target = base.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            try {
                // Servers send raw spaces and non-ASCII in Location; percent-encode what java.net.URI rejects.
                target = base.resolve(new URI(encodeUnsafe(location.strip())));
            } catch (URISyntaxException | IllegalArgumentException e2) {
                throw new BadUrlException("'" + location + "' is not a valid URL");
            }
        }
        return normalize(target);
    }

    /** Host and port as used for per-host politeness and robots caching ({@code example.org}, {@code [::1]:8080}). */
    static String hostKey(URI normalized) {
        return normalized.getHost();
    }

    static String origin(URI normalized) {
        return normalized.getScheme() + "://" + normalized.getRawAuthority();
    }

    static boolean isIpLiteral(String host) {
        return host.startsWith("[")
                || host.indexOf(':') >= 0
                || IP_LITERAL_V4.matcher(host).matches();
    }

    private static String canonicalHost(String raw, URI uri) throws BadUrlException {
        if (raw.startsWith("[")) {
            String inner = raw.substring(1, raw.length() - 1);
            if (inner.contains("%") || !IPV6_CHARS.matcher(inner).matches()) {
                throw new BadUrlException("'" + uri + "' has an invalid IPv6 address (zone ids are not allowed)");
            }
            try {
                InetAddress address = InetAddress.getByName("[" + inner + "]");
                String text = format(address);
                return address.getAddress().length == 4 ? text : "[" + text + "]";
            } catch (UnknownHostException e) {
                throw new BadUrlException("'" + uri + "' has an invalid IPv6 address");
            }
        }
        String host = percentDecode(raw, uri);
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new BadUrlException("'" + uri + "' has an invalid international host name");
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.length() > MAX_HOST_LENGTH) {
            throw new BadUrlException("'" + uri + "' has no valid host");
        }
        String[] labels = host.split("\\.", -1);
        if (isNumericLabel(labels[labels.length - 1])) {
            long ipv4 = parseIpv4(labels, uri);
            return ((ipv4 >> 24) & 0xFF) + "." + ((ipv4 >> 16) & 0xFF) + "." + ((ipv4 >> 8) & 0xFF) + "."
                    + (ipv4 & 0xFF);
        }
        for (String label : labels) {
            if (label.isEmpty()
                    || label.length() > 63
                    || !DNS_LABEL.matcher(label).matches()) {
                throw new BadUrlException("'" + uri + "' has an invalid host name '" + host + "'");
            }
        }
        return host;
    }

    /** WHATWG "ends in a number": the last label is decimal digits or 0x-prefixed hex. */
    private static boolean isNumericLabel(String label) {
        return !label.isEmpty()
                && (DECIMAL.matcher(label).matches() || HEX.matcher(label).matches());
    }

    /** The WHATWG IPv4 parser: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x); the last fills the rest. */
    private static long parseIpv4(String[] labels, URI uri) throws BadUrlException {
        if (labels.length > 4) {
            throw new BadUrlException("'" + uri + "' has an invalid IPv4 address");
        }
        long[] parts = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            Long value = parseIpv4Number(labels[i]);
            if (value == null) {
                throw new BadUrlException("'" + uri + "' has an invalid IPv4 address");
            }
            parts[i] = value;
        }
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i] > 255) {
                throw new BadUrlException("'" + uri + "' has an invalid IPv4 address");
            }
        }
        int last = parts.length - 1;
        if (parts[last] >= (1L << (8 * (5 - parts.length)))) {
            throw new BadUrlException("'" + uri + "' has an invalid IPv4 address");
        }
        long ipv4 = parts[last];
        for (int i = 0; i < last; i++) {
            ipv4 += parts[i] << (8 * (3 - i));
        }
        return ipv4;
    }

    private static @Nullable Long parseIpv4Number(String label) {
        if (label.isEmpty()) {
            return null;
        }
        int radix = 10;
        String digits = label;
        if (label.length() >= 2 && (label.startsWith("0x") || label.startsWith("0X"))) {
            radix = 16;
            digits = label.substring(2);
        } else if (label.length() >= 2 && label.startsWith("0")) {
            radix = 8;
            digits = label.substring(1);
        }
        if (digits.isEmpty()) {
            return 0L;
        }
        if (digits.length() > 12) {
            return null; // far beyond 32 bits; also keeps Long.parseLong from overflowing
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String percentDecode(String raw, URI uri) throws BadUrlException {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new BadUrlException("'" + uri + "' has a broken percent escape in its host");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BadUrlException("'" + uri + "' has a broken percent escape in its host");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                int cp = raw.codePointAt(i);
                byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String encodeUnsafe(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`'
                    || c == '{' || c == '|' || c == '}') {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** An address as text: dotted-quad, or RFC 5952 compressed IPv6 ("::1", "fe80::1", "2001:db8::1:0:0:1"). */
    static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    static String redact(URI uri) {
        return uri.getScheme() + "://…@" + uri.getHost() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
