package org.gleaner.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes Atom 1.0 (RFC 4287) with Rome, for the feeds Gleaner serves (one per saved query). Takes the same
 * records the parser produces, so {@code parse(write(feed))} gives the feed back. Pure: the caller passes the
 * feed's {@code updated} time.
 *
 * <p>Atom requires an id, a title and an updated time on every entry: a missing id becomes the entry link,
 * else a {@code urn:sha256:} of its text; a missing updated time becomes the published time, else the feed's.
 * Characters XML cannot carry are dropped. Rome writes dates to the second.
 */
public final class FeedWriter {
    /** RFC 4287 4.1.1: a feed needs an author when some entry has none. */
    private static final String FALLBACK_AUTHOR = "Gleaner";

    public FeedWriter() {}

    /**
     * The feed and its entries as an Atom 1.0 document.
     *
     * @param feedId a stable IRI naming this feed, e.g. {@code urn:gleaner:query:homs-prison}
     * @param selfUrl where this feed is served, written as {@code rel="self"}, or null
     * @param updated the feed's last change (usually the newest entry's time)
     */
    public String atom(ParsedFeed feed, String feedId, @Nullable String selfUrl, Instant updated) {
        Feed atom = new Feed("atom_1.0");
        atom.setId(clean(feedId));
        atom.setTitleEx(content("text", feed.title() == null ? "" : feed.title()));
        if (feed.subtitle() != null) {
            atom.setSubtitle(content("html", feed.subtitle()));
        }
        if (feed.language() != null) {
            atom.setLanguage(clean(feed.language()));
        }
        atom.setUpdated(Date.from(updated));
        if (feed.link() != null && !feed.link().isBlank()) {
            atom.setAlternateLinks(List.of(link("alternate", feed.link(), "text/html", null)));
        }
        if (selfUrl != null) {
            atom.setOtherLinks(List.of(link("self", selfUrl, "application/atom+xml", null)));
        }
        atom.setAuthors(persons(feed.author() != null ? feed.author() : FALLBACK_AUTHOR));
        List<Entry> entries = new ArrayList<>();
        for (ParsedEntry e : feed.entries()) {
            entries.add(entry(e, updated));
        }
        atom.setEntries(entries);
        try {
            return new WireFeedOutput().outputString(atom, true);
        } catch (FeedException e) {
            throw new IllegalStateException("Rome could not write an Atom feed it was given valid data for", e);
        }
    }

    private static Entry entry(ParsedEntry e, Instant feedUpdated) {
        Entry entry = new Entry();
        entry.setId(clean(idOf(e)));
        entry.setTitleEx(content("text", e.title() == null ? "" : e.title()));
        if (e.link() != null && !e.link().isBlank()) {
            entry.setAlternateLinks(List.of(link("alternate", e.link(), null, null)));
        }
        List<Link> enclosures = new ArrayList<>();
        for (Enclosure enclosure : e.enclosures()) {
            enclosures.add(link("enclosure", enclosure.url(), enclosure.type(), enclosure.length()));
        }
        entry.setOtherLinks(enclosures);
        if (e.summary() != null) {
            entry.setSummary(content("html", e.summary()));
        }
        if (e.content() != null) {
            entry.setContents(List.of(content("html", e.content())));
        }
        if (e.author() != null) {
            entry.setAuthors(persons(e.author()));
        }
        if (e.published() != null) {
            entry.setPublished(Date.from(e.published()));
        }
        Instant updated = e.updated() != null ? e.updated() : e.published() != null ? e.published() : feedUpdated;
        entry.setUpdated(Date.from(updated));
        List<Category> categories = new ArrayList<>();
        for (String term : e.categories()) {
            Category c = new Category();
            c.setTerm(clean(term));
            categories.add(c);
        }
        entry.setCategories(categories);
        return entry;
    }

    private static String idOf(ParsedEntry e) {
        if (e.id() != null) {
            return e.id();
        }
        if (e.link() != null) {
            return e.link();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {e.title(), e.summary(), e.content()}) {
                sha.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return "urn:sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }

    private static List<SyndPerson> persons(String names) {
        Person person = new Person();
        person.setName(clean(names));
        return List.of(person);
    }

    private static Content content(String type, String value) {
        Content c = new Content();
        c.setType(type);
        c.setValue(clean(value));
        return c;
    }

    private static Link link(String rel, String href, @Nullable String type, @Nullable Long length) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(clean(href));
        if (type != null) {
            link.setType(clean(type));
        }
        if (length != null) {
            link.setLength(length);
        }
        return link;
    }

    /** Drops characters XML 1.0 cannot carry (JDOM would throw on them). */
    private static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean legal = c == '\t'
                    || c == '\n'
                    || c == '\r'
                    || (c >= 0x20 && c <= 0xFFFD && !Character.isSurrogate(c))
                    || (Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1)))
                    || (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (!legal && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (legal && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
