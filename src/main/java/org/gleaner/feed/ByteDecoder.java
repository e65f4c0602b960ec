package org.gleaner.feed;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Bytes to text, deciding the encoding the way the evidence deserves rather than the way the labels say.
 *
 * <p>Order of evidence: a byte order mark; the byte pattern of {@code <?} in UTF-16/32; bytes that are valid
 * UTF-8 (the chance that legacy text is valid UTF-8 is negligible, and servers mislabel UTF-8 constantly);
 * then the Content-Type charset, unless it is the ISO-8859-1 server default and the XML declaration names
 * something else; then the XML declaration. ISO-8859-1 and US-ASCII labels are read as Windows-1252 (as
 * browsers do) so "smart quotes" survive. Text labelled UTF-8 but not valid UTF-8, or unlabelled, is read
 * per sequence: valid UTF-8 sequences as UTF-8, stray bytes as Windows-1252. Finally runs of mojibake from
 * double-encoded UTF-8 ("Ã©", "â€™") are repaired.
 */
final class ByteDecoder {
    private static final Pattern DECLARED = Pattern.compile(
            "^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_CHARSET =
            Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);

    /** Windows-1252 code points for bytes 0x80..0x9F; the five undefined bytes keep their C1 code point. */
    private static final char[] CP1252_HIGH = {
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178'
    };

    /**
     * Encoding labels feeds use that the JDK does not know, with the JDK charset they name: Python's
     * spellings of IANA aliases and the old Macintosh and EBCDIC names. Underscores are tried as hyphens first
     * ("ebcdic_cp_us", "cp_is"), so only names that differ otherwise are listed.
     */
    private static final java.util.Map<String, String> LABEL_ALIASES = java.util.Map.ofEntries(
            java.util.Map.entry("ibm039", "IBM037"),
            java.util.Map.entry("ebcdic-cp-be", "IBM500"),
            java.util.Map.entry("macintosh", "x-MacRoman"),
            java.util.Map.entry("csmacintosh", "x-MacRoman"),
            java.util.Map.entry("mac", "x-MacRoman"),
            java.util.Map.entry("cspc775baltic", "IBM775"),
            java.util.Map.entry("cp-gr", "x-IBM869"),
            java.util.Map.entry("x-sjis", "Shift_JIS"));

    /** IANA's "csIBM855", "ibm-855", "cp855": an IBM code page by number, which the JDK names IBM855 or x-IBM855. */
    private static final Pattern IBM_CODE_PAGE = Pattern.compile("(?:cs)?(?:ibm|cp)[-_]?0*(\\d{3,5})");

    /** "<?xm" in EBCDIC: the only way to find the declaration of a document that is not ASCII-compatible. */
    private static final byte[] EBCDIC_DECLARATION = {0x4C, 0x6F, (byte) 0xA7, (byte) 0x94};

    private ByteDecoder() {}

    static String decode(byte[] body, @Nullable String contentType) {
        int n = body.length;
        if (n >= 4 && b(body, 0) == 0 && b(body, 1) == 0 && b(body, 2) == 0xFE && b(body, 3) == 0xFF) {
            return strict(body, 4, Charset.forName("UTF-32BE"));
        }
        if (n >= 4 && b(body, 0) == 0xFF && b(body, 1) == 0xFE && b(body, 2) == 0 && b(body, 3) == 0) {
            return strict(body, 4, Charset.forName("UTF-32LE"));
        }
        if (n >= 3 && b(body, 0) == 0xEF && b(body, 1) == 0xBB && b(body, 2) == 0xBF) {
            return repairDoubleEncoding(utf8OrMixed(body, 3));
        }
        if (n >= 2 && b(body, 0) == 0xFE && b(body, 1) == 0xFF) {
            return strict(body, 2, StandardCharsets.UTF_16BE);
        }
        if (n >= 2 && b(body, 0) == 0xFF && b(body, 1) == 0xFE) {
            return strict(body, 2, StandardCharsets.UTF_16LE);
        }
        if (n >= 4 && java.util.Arrays.equals(body, 0, 4, EBCDIC_DECLARATION, 0, 4)) {
            return ebcdic(body);
        }
        if (n >= 4 && b(body, 0) == 0 && b(body, 1) == 0 && b(body, 2) == 0 && b(body, 3) != 0) {
            return strict(body, 0, Charset.forName("UTF-32BE"));
        }
        if (n >= 4 && b(body, 0) != 0 && b(body, 1) == 0 && b(body, 2) == 0 && b(body, 3) == 0) {
            return strict(body, 0, Charset.forName("UTF-32LE"));
        }
        if (n >= 2 && b(body, 0) == 0 && b(body, 1) != 0) {
            return strict(body, 0, StandardCharsets.UTF_16BE);
        }
        if (n >= 2 && b(body, 0) != 0 && b(body, 1) == 0) {
            return strict(body, 0, StandardCharsets.UTF_16LE);
        }
        String headerName = contentType == null ? null : find(HEADER_CHARSET, contentType);
        Charset header = charsetOf(headerName);
        String head = new String(body, 0, Math.min(n, 1024), StandardCharsets.ISO_8859_1);
        String declaredName = find(DECLARED, head);
        Charset declared = charsetOf(declaredName);
        boolean ukrainianDos =
                isCp1125(headerName) || ((header == null || isLatin1Default(header)) && isCp1125(declaredName));
        if (ukrainianDos && !isValidUtf8(body)) {
            return cp1125(body);
        }
        Charset label = header;
        if (label == null || (isLatin1Default(label) && declared != null)) {
            label = declared;
        }
        if (label != null && label.name().toUpperCase(Locale.ROOT).startsWith("ISO-2022")) {
            return strict(body, 0, label);
        }
        if (isValidUtf8(body)) {
            return repairDoubleEncoding(new String(body, StandardCharsets.UTF_8));
        }
        if (label == null || isUnicode(label)) {
            return repairDoubleEncoding(utf8OrMixed(body, 0));
        }
        if (isLatin1Default(label)) {
            return windows1252(body, 0, n);
        }
        return strict(body, 0, label);
    }

    private static int b(byte[] body, int i) {
        return body[i] & 0xff;
    }

    private static @Nullable String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** An EBCDIC document: its declaration read in EBCDIC 037 names the code page (037 when it names none). */
    private static String ebcdic(byte[] body) {
        Charset ibm037 = Charset.forName("IBM037");
        String head = new String(body, 0, Math.min(body.length, 1024), ibm037);
        Charset declared = charsetOf(find(DECLARED, head));
        return strict(body, 0, declared == null ? ibm037 : declared);
    }

    /** Python's names for the Ukrainian DOS code page 1125 (RST 2018-91), which the JDK does not have. */
    private static final Set<String> CP1125_LABELS = Set.of("cp1125", "1125", "ibm1125", "cp866u", "ruscii");

    /** Code page 1125 is code page 866 with eight letters at 0xF2..0xF9 swapped for Ukrainian ones. */
    private static final String CP1125_F2_TO_F9 = "\u0490\u0491\u0404\u0454\u0406\u0456\u0407\u0457";

    private static boolean isCp1125(@Nullable String name) {
        // "cp-1125" and "cp_1125" too, as IBM_CODE_PAGE accepts for the code pages the JDK has
        return name != null
                && CP1125_LABELS.contains(
                        name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", ""));
    }

    private static String cp1125(byte[] body) {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        char[] table = new String(all, Charset.forName("IBM866")).toCharArray();
        for (int i = 0; i < CP1125_F2_TO_F9.length(); i++) {
            table[0xF2 + i] = CP1125_F2_TO_F9.charAt(i);
        }
        StringBuilder out = new StringBuilder(body.length);
        for (byte x : body) {
            out.append(table[x & 0xff]);
        }
        return out.toString();
    }

    private static @Nullable Charset charsetOf(@Nullable String name) {
        if (name == null) {
            return null;
        }
        String label = name.trim().toLowerCase(Locale.ROOT);
        Charset charset = forName(label);
        if (charset == null && label.indexOf('_') >= 0) {
            charset = forName(label.replace('_', '-'));
        }
        if (charset == null) {
            String alias = LABEL_ALIASES.get(label.replace('_', '-'));
            charset = alias == null ? null : forName(alias);
        }
        Matcher ibm = IBM_CODE_PAGE.matcher(label);
        if (charset == null && ibm.matches()) {
            charset = forName("IBM" + ibm.group(1));
            if (charset == null) {
                charset = forName("x-IBM" + ibm.group(1));
            }
        }
        return charset;
    }

    private static @Nullable Charset forName(String label) {
        try {
            return Charset.forName(label);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static boolean isLatin1Default(Charset c) {
        return c.equals(StandardCharsets.ISO_8859_1)
                || c.equals(StandardCharsets.US_ASCII)
                || c.name().equalsIgnoreCase("windows-1252");
    }

    private static boolean isUnicode(Charset c) {
        return c.name().toUpperCase(Locale.ROOT).startsWith("UTF");
    }

    /** Decodes with replacement characters for malformed input: the label is trusted, nothing better is known. */
    private static String strict(byte[] body, int offset, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(body, offset, body.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(body, offset, body.length - offset, charset);
        }
    }

    static boolean isValidUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static String windows1252(byte[] body, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            out.append(cp1252(body[i] & 0xff));
        }
        return out.toString();
    }

    static char cp1252(int unsigned) {
        return unsigned >= 0x80 && unsigned < 0xA0 ? CP1252_HIGH[unsigned - 0x80] : (char) unsigned;
    }

    /** UTF-8 where the bytes form valid sequences, Windows-1252 for every byte that does not. */
    private static String utf8OrMixed(byte[] body, int from) {
        StringBuilder out = new StringBuilder(body.length);
        int i = from;
        while (i < body.length) {
            int c = body[i] & 0xff;
            int len = sequenceLength(body, i);
            if (len == 1) {
                out.append((char) c);
            } else if (len > 1) {
                out.append(new String(body, i, len, StandardCharsets.UTF_8));
            } else {
                out.append(cp1252(c));
                len = 1;
            }
            i += len;
        }
        return out.toString();
    }

    /** Length of the valid UTF-8 sequence at {@code i}, or 0 when the byte does not start one. */
    private static int sequenceLength(byte[] s, int i) {
        int c = s[i] & 0xff;
        if (c < 0x80) {
            return 1;
        }
        int len;
        int min;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + len > s.length) {
            return 0;
        }
        int cp = c & (0xff >> (len + 1));
        for (int k = 1; k < len; k++) {
            int cc = s[i + k] & 0xff;
            if ((cc & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (cc & 0x3f);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return 0;
        }
        return len;
    }

    /**
     * Repairs UTF-8 that was decoded as Windows-1252/Latin-1 and encoded again: a run of characters from the
     * Latin-1/Windows-1252 range whose bytes form valid multi-byte UTF-8 is replaced by what those bytes say.
     */
    static String repairDoubleEncoding(String text) {
        StringBuilder out = null;
        int i = 0;
        int n = text.length();
        int copied = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 0xC2 || c > 0xF4) {
                i++;
                continue;
            }
            int start = i;
            int end = i;
            while (end < n && byteOf(text.charAt(end)) >= 0x80) {
                end++;
            }
            byte[] bytes = new byte[end - start];
            for (int k = start; k < end; k++) {
                bytes[k - start] = (byte) byteOf(text.charAt(k));
            }
            if (bytes.length >= 2 && isValidUtf8(bytes)) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(text, copied, start).append(new String(bytes, StandardCharsets.UTF_8));
                copied = end;
            }
            i = Math.max(end, i + 1);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, n).toString();
    }

    /** The Windows-1252 byte for a character, or -1 when it has none (C1 controls map to themselves). */
    private static int byteOf(char c) {
        if (c < 0x100) {
            return c;
        }
        for (int k = 0; k < CP1252_HIGH.length; k++) {
            if (CP1252_HIGH[k] == c) {
                return 0x80 + k;
            }
        }
        return -1;
    }
}
