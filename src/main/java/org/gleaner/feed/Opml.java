package org.gleaner.feed;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * OPML subscription lists, read with the same hardened stack as feeds (no DOCTYPE entities, nothing fetched,
 * size, depth and outline budgets) and written as OPML 2.0.
 *
 * <p>Reading: an outline with an {@code xmlUrl} (any capitalisation) is a feed; an outline without one is a
 * folder whose text becomes a tag of every feed inside it, outermost folder first, followed by the feed's own
 * {@code category} terms ("/News/World,Tech" gives News, World, Tech). {@code feed://} URLs become
 * {@code http://}; URLs that are not absolute http(s) are skipped. A feed listed twice keeps its first
 * position and gains the later tags.
 *
 * <p>Writing: feeds with tags go in a folder named after their first tag, further tags in {@code category};
 * reading the output again gives the same feeds and tags.
 */
public final class Opml {
    private Opml() {}

    public static OpmlDocument parse(byte[] body) throws OpmlException {
        if (body.length > ParseLimits.MAX_OPML_BYTES) {
            throw new OpmlException("OPML file larger than " + ParseLimits.MAX_OPML_BYTES / (1024 * 1024) + " MiB");
        }
        XElement root;
        try {
            String xml = XmlRepair.repair(ByteDecoder.decode(body, null));
            if (xml == null) {
                throw new OpmlException("not an OPML document: no XML markup");
            }
            root = XmlReaders.read(xml, null).root();
        } catch (XmlRepair.Unsafe e) {
            throw new OpmlException("unsafe OPML refused: " + e.getMessage());
        } catch (TreeBuilder.LimitExceeded e) {
            throw new OpmlException("OPML too complex: " + e.getMessage());
        }
        if (root == null || !root.local.equalsIgnoreCase("opml")) {
            throw new OpmlException(
                    "not an OPML document" + (root == null ? "" : ": root element is <" + root.qName + ">"));
        }
        XElement head = child(root, "head");
        String title = null;
        if (head != null) {
            XElement t = child(head, "title");
            title = t == null ? null : blankToNull(t.text());
        }
        Map<String, Builder> feeds = new LinkedHashMap<>();
        XElement body1 = child(root, "body");
        int[] count = {0};
        if (body1 != null) {
            walk(body1, new ArrayList<>(), feeds, count);
        }
        List<OpmlFeed> out = new ArrayList<>();
        for (Builder b : feeds.values()) {
            out.add(new OpmlFeed(b.title, b.xmlUrl, b.htmlUrl, List.copyOf(b.tags)));
        }
        return new OpmlDocument(title, out);
    }

    private static final class Builder {
        final String title;
        final String xmlUrl;
        final @Nullable String htmlUrl;
        final Set<String> tags = new LinkedHashSet<>();

        Builder(String title, String xmlUrl, @Nullable String htmlUrl) {
            this.title = title;
            this.xmlUrl = xmlUrl;
            this.htmlUrl = htmlUrl;
        }
    }

    private static void walk(XElement parent, List<String> folders, Map<String, Builder> feeds, int[] count)
            throws OpmlException {
        for (XElement outline : parent.elements()) {
            if (!outline.local.equalsIgnoreCase("outline")) {
                continue;
            }
            if (++count[0] > ParseLimits.MAX_OPML_OUTLINES) {
                throw new OpmlException("OPML file with more than " + ParseLimits.MAX_OPML_OUTLINES + " outlines");
            }
            String text = blankToNull(outline.attrIgnoreCase("text"));
            String title = blankToNull(outline.attrIgnoreCase("title"));
            String rawUrl = blankToNull(outline.attrIgnoreCase("xmlUrl"));
            if (rawUrl == null) {
                List<String> inner = new ArrayList<>(folders);
                String folder = text != null ? text : title;
                if (folder != null) {
                    inner.add(folder.strip());
                }
                walk(outline, inner, feeds, count);
                continue;
            }
            String xmlUrl = httpUrl(rawUrl);
            if (xmlUrl == null) {
                continue;
            }
            Builder b = feeds.get(xmlUrl);
            if (b == null) {
                String name = title != null ? title : text != null ? text : xmlUrl;
                b = new Builder(name.strip(), xmlUrl, httpUrl(outline.attrIgnoreCase("htmlUrl")));
                feeds.put(xmlUrl, b);
            }
            b.tags.addAll(folders);
            String category = outline.attrIgnoreCase("category");
            if (category != null) {
                for (String path : category.split(",")) {
                    for (String segment : path.split("/")) {
                        String tag = blankToNull(segment);
                        if (tag != null) {
                            b.tags.add(tag.strip());
                        }
                    }
                }
            }
            walk(outline, folders, feeds, count);
        }
    }

    private static @Nullable String httpUrl(@Nullable String raw) {
        String resolved = Links.resolve(null, raw);
        if (resolved == null) {
            return null;
        }
        String lower = resolved.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? resolved : null;
    }

    private static @Nullable XElement child(XElement parent, String name) {
        for (XElement e : parent.elements()) {
            if (e.local.equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** An OPML 2.0 document listing the feeds, grouped in folders by their first tag. */
    public static String write(List<OpmlFeed> feeds, String title) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("opml");
            w.writeAttribute("version", "2.0");
            w.writeCharacters("\n  ");
            w.writeStartElement("head");
            w.writeCharacters("\n    ");
            w.writeStartElement("title");
            w.writeCharacters(title);
            w.writeEndElement();
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n  ");
            w.writeStartElement("body");
            Map<String, List<OpmlFeed>> byFolder = new LinkedHashMap<>();
            for (OpmlFeed feed : feeds) {
                String folder = feed.tags().isEmpty() ? "" : feed.tags().get(0);
                byFolder.computeIfAbsent(folder, k -> new ArrayList<>()).add(feed);
            }
            for (Map.Entry<String, List<OpmlFeed>> group : byFolder.entrySet()) {
                String indent = "\n    ";
                if (!group.getKey().isEmpty()) {
                    w.writeCharacters("\n    ");
                    w.writeStartElement("outline");
                    w.writeAttribute("text", group.getKey());
                    w.writeAttribute("title", group.getKey());
                    indent = "\n      ";
                }
                for (OpmlFeed feed : group.getValue()) {
                    w.writeCharacters(indent);
                    w.writeEmptyElement("outline");
                    w.writeAttribute("type", "rss");
                    w.writeAttribute("text", feed.title());
                    w.writeAttribute("title", feed.title());
                    w.writeAttribute("xmlUrl", feed.xmlUrl());
                    String htmlUrl = feed.htmlUrl();
                    if (htmlUrl != null) {
                        w.writeAttribute("htmlUrl", htmlUrl);
                    }
                    if (feed.tags().size() > 1) {
                        List<String> rest = new ArrayList<>();
                        for (String tag : feed.tags().subList(1, feed.tags().size())) {
                            rest.add("/" + tag.replace("/", " ").replace(",", " "));
                        }
                        w.writeAttribute("category", String.join(",", rest));
                    }
                }
                if (!group.getKey().isEmpty()) {
                    w.writeCharacters("\n    ");
                    w.writeEndElement();
                }
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing OPML to a string failed", e);
        }
        return out.toString();
    }
}
