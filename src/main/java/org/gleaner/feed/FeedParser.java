package org.gleaner.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Feed bytes to records: RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1. Pure and thread-safe: no network,
 * no clock, no files; nothing the document says is ever fetched (DOCTYPEs are removed, entity declarations
 * other than plain text ones are refused as {@link FeedParseFailure.Kind#UNSAFE}).
 *
 * <p>The steps: {@link ByteDecoder} picks the encoding from BOM, bytes and labels and repairs mojibake;
 * {@link XmlRepair} removes the DOCTYPE and fixes entities; {@link XmlReaders} parses (JDK parser, else the
 * lenient scanner for broken or truncated documents); {@link XmlFeedMapper} maps RSS and Atom, and
 * {@link JsonFeedMapper} JSON Feed.
 */
public final class FeedParser {
    private static final Pattern FEED_ROOT = Pattern.compile("<(?:rss|feed|rdf:RDF)[\\s>]");

    public FeedParser() {}

    /**
     * Parses one feed document. Never throws for bad input: every problem is a {@link FeedParseFailure}.
     *
     * @param contentType the response's Content-Type header, if any (its charset is one piece of evidence)
     * @param baseUri the URL the feed was fetched from (after redirects); relative links resolve against it
     */
    public FeedParseResult parse(byte[] body, @Nullable String contentType, URI baseUri) {
        if (body.length > ParseLimits.MAX_INPUT_BYTES) {
            return new FeedParseFailure(
                    FeedParseFailure.Kind.TOO_COMPLEX,
                    "document larger than " + ParseLimits.MAX_INPUT_BYTES / (1024 * 1024) + " MiB");
        }
        if (body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
            try {
                body = gunzip(body);
            } catch (IOException e) {
                return new FeedParseFailure(FeedParseFailure.Kind.MALFORMED, "corrupt gzip data: " + e.getMessage());
            }
            if (body.length > ParseLimits.MAX_INPUT_BYTES) {
                return new FeedParseFailure(
                        FeedParseFailure.Kind.TOO_COMPLEX,
                        "gzip data inflating past " + ParseLimits.MAX_INPUT_BYTES / (1024 * 1024) + " MiB");
            }
        }
        try {
            String text = ByteDecoder.decode(body, contentType);
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.equals("\uFEFF")) {
                return new FeedParseFailure(FeedParseFailure.Kind.EMPTY, "the document is empty");
            }
            if (trimmed.charAt(0) == '{' || trimmed.charAt(0) == '[') {
                return JsonFeedMapper.map(trimmed, baseUri);
            }
            String xml = XmlRepair.repair(text);
            if (xml == null) {
                return new FeedParseFailure(FeedParseFailure.Kind.NOT_A_FEED, "the document is neither XML nor JSON");
            }
            XmlReaders.Tree tree = XmlReaders.read(xml, baseUri);
            XElement root = tree.root();
            if (root == null) {
                return new FeedParseFailure(FeedParseFailure.Kind.MALFORMED, "no XML element could be read");
            }
            ParsedFeed feed = XmlFeedMapper.map(root);
            if (feed == null) {
                feed = retryFromFeedRoot(xml, baseUri);
            }
            if (feed == null) {
                String what =
                        root.local.equalsIgnoreCase("html") ? "an HTML page" : "XML with root <" + root.qName + ">";
                return new FeedParseFailure(FeedParseFailure.Kind.NOT_A_FEED, "not a feed: " + what);
            }
            return feed;
        } catch (XmlRepair.Unsafe e) {
            return new FeedParseFailure(FeedParseFailure.Kind.UNSAFE, "refused: " + e.getMessage());
        } catch (TreeBuilder.LimitExceeded e) {
            return new FeedParseFailure(FeedParseFailure.Kind.TOO_COMPLEX, "too complex: " + e.getMessage());
        } catch (StackOverflowError e) {
            return new FeedParseFailure(FeedParseFailure.Kind.TOO_COMPLEX, "too complex: nesting exhausted the stack");
        }
    }

    /** Junk markup before the real root (an HTML warning printed by the server): parse from the feed root. */
    private static @Nullable ParsedFeed retryFromFeedRoot(String xml, URI baseUri) {
        Matcher m = FEED_ROOT.matcher(xml);
        if (!m.find() || m.start() == 0) {
            return null;
        }
        XElement root = XmlReaders.read(xml.substring(m.start()), baseUri).root();
        return root == null ? null : XmlFeedMapper.map(root);
    }

    /**
     * Servers that gzip an already gzipped file leave one layer for us; inflates at most one byte past the
     * input budget so a gzip bomb costs nothing.
     */
    private static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readNBytes(ParseLimits.MAX_INPUT_BYTES + 1);
        }
    }
}
