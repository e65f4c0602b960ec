package org.gleaner.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteDecoderTest {
    private static final String TEXT = "Gr\u00fc\u00dfe \u201cquoted\u201d \u2014 caf\u00e9";

    /**
     * Each row: the charset the bytes are really in, the XML declaration's label, the Content-Type header,
     * and what must come out.
     */
    @ParameterizedTest(name = "bytes {0}, declared {1}, header {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            UTF-8        | UTF-8        | NULL                                 | TEXT
            UTF-8        | ISO-8859-1   | NULL                                 | TEXT
            UTF-8        | NULL         | text/xml; charset=windows-1251       | TEXT
            UTF-8        | UTF-16       | NULL                                 | TEXT
            windows-1252 | ISO-8859-1   | NULL                                 | TEXT
            windows-1252 | UTF-8        | NULL                                 | TEXT
            windows-1252 | NULL         | NULL                                 | TEXT
            windows-1252 | windows-1252 | text/xml; charset="utf-8"            | TEXT
            windows-1252 | NULL         | application/rss+xml;charset=latin1   | TEXT
            UTF-16LE     | UTF-16       | NULL                                 | TEXT
            UTF-16BE     | UTF-16       | text/xml; charset=utf-8              | TEXT
            """)
    void choosesTheEncodingTheBytesAreIn(
            String real, @Nullable String declared, @Nullable String header, String expected) {
        String doc = (declared == null ? "" : "<?xml version=\"1.0\" encoding=\"" + declared + "\"?>") + "<t>" + TEXT
                + "</t>";
        byte[] bytes = doc.getBytes(Charset.forName(real));

        String decoded = ByteDecoder.decode(bytes, header);

        assertThat(decoded).endsWith("<t>" + (expected.equals("TEXT") ? TEXT : expected) + "</t>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            windows-1251 | \u041d\u043e\u0432\u043e\u0441\u0442\u0438 \u0434\u043d\u044f
            KOI8-R       | \u041d\u043e\u0432\u043e\u0441\u0442\u0438 \u0434\u043d\u044f
            Shift_JIS    | \u65e5\u672c\u8a9e\u306e\u30cb\u30e5\u30fc\u30b9
            EUC-KR       | \ud55c\uad6d\uc5b4 \ub274\uc2a4
            GB2312       | \u4e2d\u6587\u65b0\u95fb
            ISO-2022-JP  | \u65e5\u672c\u8a9e\u306e\u30cb\u30e5\u30fc\u30b9
            """)
    void trustsADeclaredLegacyEncodingWhenTheBytesAreNotUtf8(String charset, String text) {
        String doc = "<?xml version=\"1.0\" encoding=\"" + charset + "\"?><t>" + text + "</t>";

        assertThat(ByteDecoder.decode(doc.getBytes(Charset.forName(charset)), null))
                .endsWith("<t>" + text + "</t>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            Caf\u00c3\u00a9                                  | Caf\u00e9
            It\u00e2\u20ac\u2122s                            | It\u2019s
            \u00e2\u20ac\u0153quoted\u00e2\u20ac\ufffd       | \u201cquoted\u00e2\u20ac\ufffd
            na\u00c3\u00afve \u00c3\u00bcber                 | na\u00efve \u00fcber
            plain caf\u00e9 stays                            | plain caf\u00e9 stays
            \u00c3 alone                                     | \u00c3 alone
            """)
    void repairsDoubleEncodedUtf8(String mojibake, String expected) {
        assertThat(ByteDecoder.repairDoubleEncoding(mojibake)).isEqualTo(expected);
        assertThat(ByteDecoder.decode(("<t>" + mojibake + "</t>").getBytes(StandardCharsets.UTF_8), null))
                .isEqualTo("<t>" + expected + "</t>");
    }

    /** Labels the JDK does not spell the same way: Python's underscores, the old Mac and EBCDIC names. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            cp_is        | IBM861       | \u00c7a \u00e6tti a\u00f0 virka
            ebcdic_cp_us | IBM037       | caf\u00e9 \u00a2
            ibm039       | IBM037       | caf\u00e9 \u00a2
            ebcdic-cp-be | IBM500       | caf\u00e9 [x]
            macintosh    | x-MacRoman   | caf\u00e9 \u2020
            csibm855     | IBM855       | \u0452\u0409 \u044f
            csIBM00858   | IBM00858     | caf\u00e9 \u20ac
            """)
    void understandsLabelsTheJdkSpellsDifferently(String label, String charset, String text) {
        String doc = "<?xml version=\"1.0\" encoding=\"" + label + "\"?><t>" + text + "</t>";

        assertThat(ByteDecoder.decode(doc.getBytes(Charset.forName(charset)), null))
                .endsWith("<t>" + text + "</t>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"IBM037", "IBM500", "IBM01140"})
    void readsEbcdicDocumentsByTheirOwnDeclaration(String charset) {
        String doc = "<?xml version=\"1.0\" encoding=\"" + charset + "\"?><rss><t>caf\u00e9 [1] \u00a7</t></rss>";

        String decoded = ByteDecoder.decode(doc.getBytes(Charset.forName(charset)), null);

        assertThat(decoded).isEqualTo(doc);
    }

    /** Code page 1125 (Ukrainian DOS) is missing from the JDK: 866 with eight letters at 0xF2..0xF9 replaced. */
    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "cp1125  | ''                       | 80    | \u0410",
                "CP_1125 | ''                       | f2 f3 | \u0490\u0491",
                "ibm1125 | ''                       | f4 f5 | \u0404\u0454",
                "ruscii  | ''                       | f6 f7 | \u0406\u0456",
                "cp866u  | ''                       | f8 f9 | \u0407\u0457",
                "cp1125  | ''                       | ef f0 | \u044f\u0401",
                "utf-8   | text/xml; charset=cp1125 | f2    | \u0490",
                "cp1125  | text/xml; charset=koi8-r | f2    | \u0420"
            })
    void decodesUkrainianDosCodePage(String declared, String contentType, String hexBytes, String expected) {
        String[] hex = hexBytes.trim().split(" ");
        byte[] head = ("<?xml version=\"1.0\" encoding=\"" + declared + "\"?><t>").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "</t>".getBytes(StandardCharsets.US_ASCII);
        byte[] doc = new byte[head.length + hex.length + tail.length];
        System.arraycopy(head, 0, doc, 0, head.length);
        for (int i = 0; i < hex.length; i++) {
            doc[head.length + i] = (byte) Integer.parseInt(hex[i], 16);
        }
        System.arraycopy(tail, 0, doc, head.length + hex.length, tail.length);

        String decoded = ByteDecoder.decode(doc, contentType.isEmpty() ? null : contentType);

        assertThat(decoded).endsWith("<t>" + expected + "</t>");
    }
}
