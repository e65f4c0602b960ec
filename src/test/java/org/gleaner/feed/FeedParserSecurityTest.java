package org.gleaner.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedParserSecurityTest {
    private static final URI BASE = URI.create("https://feeds.example.com/feed.xml");
    private static final String SECRET = "TOP-SECRET-CANARY-4711";

    private final FeedParser parser = new FeedParser();

    private FeedParseResult parse(String xml) {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/xml", BASE);
    }

    private static FeedParseFailure.Kind kindOf(FeedParseResult result) {
        assertThat(result).isInstanceOf(FeedParseFailure.class);
        return ((FeedParseFailure) result).kind();
    }

    @Test
    void refusesExternalEntityPointingAtLocalFileWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<rss version=\"2.0\"><channel><title>&xxe;</title><item><title>&xxe;</title></item></channel></rss>";

        FeedParseResult result = parse(xml);

        assertThat(kindOf(result)).isEqualTo(FeedParseFailure.Kind.UNSAFE);
        assertThat(result.toString()).doesNotContain(SECRET);
    }

    @Test
    void refusesExternalEntityInOpmlWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        String opml = "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<opml version=\"2.0\"><head><title>&xxe;</title></head><body>"
                + "<outline text=\"&xxe;\" xmlUrl=\"https://a.example.com/feed\"/></body></opml>";

        assertThatThrownBy(() -> Opml.parse(opml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OpmlException.class)
                .hasMessageContaining("unsafe")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void neverConnectsToAnythingTheDocumentNames() throws Exception {
        try (Canary canary = new Canary()) {
            String url = "http://127.0.0.1:" + canary.port() + "/";
            FeedParseResult generalEntity = parse("<!DOCTYPE rss [<!ENTITY e SYSTEM \"" + url + "e\">]>"
                    + "<rss><channel><title>&e;</title></channel></rss>");
            FeedParseResult parameterEntity = parse("<!DOCTYPE rss [<!ENTITY % p SYSTEM \"" + url + "p\"> %p;]>"
                    + "<rss><channel><title>t</title></channel></rss>");
            FeedParseResult externalSubset = parse("<!DOCTYPE rss SYSTEM \"" + url + "rss.dtd\">"
                    + "<rss><channel><title>Still parsed</title></channel></rss>");
            FeedParseResult xinclude = parse("<rss xmlns:xi=\"http://www.w3.org/2001/XInclude\"><channel>"
                    + "<title>x</title><xi:include href=\"" + url + "x\" parse=\"text\"/></channel></rss>");
            FeedParseResult stylesheet = parse("<?xml-stylesheet type=\"text/xsl\" href=\"" + url + "s.xsl\"?>"
                    + "<rss><channel><title>s</title></channel></rss>");
            FeedParseResult brokenWithEntity = parse("<!DOCTYPE rss [<!ENTITY e SYSTEM \"" + url + "b\">]>"
                    + "<rss><channel><title>&e;</title><item><title>unclosed");
            assertThatThrownBy(() -> Opml.parse(("<!DOCTYPE opml [<!ENTITY e SYSTEM \"" + url + "o\">]>"
                                    + "<opml><body><outline text=\"&e;\" xmlUrl=\"https://x.example.com/\"/></body></opml>")
                            .getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(OpmlException.class);
            Opml.parse(("<!DOCTYPE opml SYSTEM \"" + url + "opml.dtd\"><opml><body/></opml>")
                    .getBytes(StandardCharsets.UTF_8));

            assertThat(kindOf(generalEntity)).isEqualTo(FeedParseFailure.Kind.UNSAFE);
            assertThat(kindOf(parameterEntity)).isEqualTo(FeedParseFailure.Kind.UNSAFE);
            assertThat(kindOf(brokenWithEntity)).isEqualTo(FeedParseFailure.Kind.UNSAFE);
            assertThat(externalSubset).isInstanceOfSatisfying(ParsedFeed.class, f -> assertThat(f.title())
                    .isEqualTo("Still parsed"));
            assertThat(xinclude).isInstanceOf(ParsedFeed.class);
            assertThat(stylesheet).isInstanceOf(ParsedFeed.class);
            assertThat(canary.connectionsBeforeSentinel()).isZero();
        }
    }

    @Test
    void canaryCountsAConnectionWhenOneIsMade() throws Exception {
        try (Canary canary = new Canary()) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), canary.port())) {
                s.getOutputStream().write("GET /e HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getInputStream().readAllBytes();
            }

            assertThatThrownBy(canary::connectionsBeforeSentinel).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void refusesBillionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE rss [<!ENTITY lol \"lol\">");
        dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
        for (int i = 2; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");

        FeedParseResult result = parse(dtd + "<rss><channel><title>&lol9;</title></channel></rss>");

        assertThat(kindOf(result)).isEqualTo(FeedParseFailure.Kind.UNSAFE);
    }

    @Test
    void refusesQuadraticBlowup() {
        String big = "x".repeat(100_000);
        String xml = "<!DOCTYPE rss [<!ENTITY big \"" + big + "\">]><rss><channel><title>" + "&big;".repeat(10_000)
                + "</title></channel></rss>";

        assertThat(kindOf(parse(xml))).isEqualTo(FeedParseFailure.Kind.UNSAFE);
    }

    @Test
    void substitutesPlainInternalEntities() {
        FeedParseResult result = parse("<!DOCTYPE rss [<!ENTITY co \"ACME &#38; Co\"> <!ELEMENT rss ANY>]>"
                + "<rss><channel><title>&co; news</title></channel></rss>");

        assertThat(result).isInstanceOfSatisfying(ParsedFeed.class, f -> assertThat(f.title())
                .isEqualTo("ACME & Co news"));
    }

    @Test
    void refusesDeepNestingInWellFormedAndBrokenDocuments() {
        int depth = 100_000;
        String wellFormed = "<rss><channel>" + "<a>".repeat(depth) + "</a>".repeat(depth) + "</channel></rss>";
        String unclosed = "<rss><channel>" + "<a>".repeat(depth);

        assertThat(kindOf(parse(wellFormed))).isEqualTo(FeedParseFailure.Kind.TOO_COMPLEX);
        assertThat(kindOf(parse(unclosed))).isEqualTo(FeedParseFailure.Kind.TOO_COMPLEX);
    }

    @Test
    void refusesDeepJson() {
        String json = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":" + "[".repeat(10_000)
                + "]".repeat(10_000) + "}";

        assertThat(kindOf(parse(json))).isEqualTo(FeedParseFailure.Kind.TOO_COMPLEX);
    }

    @Test
    void readsAmpersandFloodsAndHugeBylinesAsText() {
        String ampersands = "&".repeat(2_000_000);
        String byline = "a".repeat(500_000) + " (" + "b".repeat(500_000) + "@x";
        FeedParseResult result = parse("<rss><channel><title>" + ampersands + "</title><item><author>" + byline
                + "</author></item></channel></rss>");

        assertThat(result).isInstanceOfSatisfying(ParsedFeed.class, f -> {
            assertThat(String.valueOf(f.title()).length()).isEqualTo(2_000_000);
            assertThat(f.entries().get(0).author()).isEqualTo(byline);
        });
    }

    @Test
    void refusesOversizedDocumentsBeforeDecoding() {
        byte[] huge = new byte[ParseLimits.MAX_INPUT_BYTES + 1];

        assertThat(kindOf(parser.parse(huge, null, BASE))).isEqualTo(FeedParseFailure.Kind.TOO_COMPLEX);
    }

    @Test
    void refusesOpmlWithTooManyOutlines() {
        String opml =
                "<opml><body>" + "<outline text=\"f\"/>".repeat(ParseLimits.MAX_OPML_OUTLINES + 1) + "</body></opml>";

        assertThatThrownBy(() -> Opml.parse(opml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OpmlException.class)
                .hasMessageContaining("outlines");
    }

    /**
     * A loopback listener that counts connections. After the parsing under test, {@link
     * #connectionsBeforeSentinel} connects once itself; connections are accepted in order, so when the sentinel
     * arrives every earlier connection has been counted.
     */
    private static final class Canary implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger connections = new AtomicInteger();
        private final List<String> firstLines = new ArrayList<>();
        private final CountDownLatch sentinelSeen = new CountDownLatch(1);
        private final Thread acceptor;

        Canary() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::acceptLoop, "xxe-canary");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    byte[] head = new byte[64];
                    int n = s.getInputStream().read(head);
                    String line = n <= 0 ? "" : new String(head, 0, n, StandardCharsets.ISO_8859_1);
                    if (line.startsWith("SENTINEL")) {
                        sentinelSeen.countDown();
                        continue;
                    }
                    connections.incrementAndGet();
                    synchronized (firstLines) {
                        firstLines.add(line);
                    }
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.0 200 OK\r\nContent-Length: 6\r\n\r\nPWNED!".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        }

        int connectionsBeforeSentinel() throws IOException, InterruptedException {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port())) {
                s.getOutputStream().write("SENTINEL\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                assertThat(sentinelSeen.await(30, TimeUnit.SECONDS))
                        .as("canary accepted the sentinel")
                        .isTrue();
            }
            synchronized (firstLines) {
                assertThat(firstLines).as("requests that reached the canary").isEmpty();
            }
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
