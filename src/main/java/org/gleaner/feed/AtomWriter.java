package org.gleaner.feed;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes Atom 1.0 (RFC 4287) with Rome from plain records: the feed a watch offers to feed readers,
 * with a link to the source article and one to Gleaner's page. Pure: records in,
 * XML text out.
 */
public final class AtomWriter {
    private AtomWriter() {}

    /**
     * A feed to write.
     *
     * @param id a permanent IRI for the feed (a {@code tag:} URI is fine)
     * @param self where the feed is served (its {@code rel="self"} link)
     * @param alternate the HTML page the feed mirrors, or null
     */
    public record AtomFeed(
            String id,
            String title,
            @Nullable String subtitle,
            URI self,
            @Nullable URI alternate,
            Instant updated,
            String author,
            List<AtomEntry> entries) {
        public AtomFeed {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One entry.
     *
     * @param link the source article
     * @param related another page about the entry (Gleaner's own page), or null
     * @param summaryHtml HTML already escaped and sanitized by the caller; written as {@code type="html"}
     */
    public record AtomEntry(
            String id,
            String title,
            URI link,
            @Nullable URI related,
            Instant updated,
            @Nullable Instant published,
            String summaryHtml) {}

    public static String atom(AtomFeed source) {
        Feed feed = new Feed("atom_1.0");
        feed.setId(source.id());
        feed.setTitle(source.title());
        if (source.subtitle() != null) {
            Content subtitle = new Content();
            subtitle.setType(Content.TEXT);
            subtitle.setValue(source.subtitle());
            feed.setSubtitle(subtitle);
        }
        feed.setUpdated(Date.from(source.updated()));
        feed.setOtherLinks(List.of(link("self", source.self(), "application/atom+xml")));
        if (source.alternate() != null) {
            feed.setAlternateLinks(List.of(link("alternate", source.alternate(), "text/html")));
        }
        Person author = new Person();
        author.setName(source.author());
        List<SyndPerson> authors = new ArrayList<>();
        authors.add(author);
        feed.setAuthors(authors);
        List<Entry> entries = new ArrayList<>();
        for (AtomEntry e : source.entries()) {
            Entry entry = new Entry();
            entry.setId(e.id());
            entry.setTitle(e.title());
            entry.setUpdated(Date.from(e.updated()));
            if (e.published() != null) {
                entry.setPublished(Date.from(e.published()));
            }
            entry.setAlternateLinks(List.of(link("alternate", e.link(), null)));
            if (e.related() != null) {
                entry.setOtherLinks(List.of(link("related", e.related(), "text/html")));
            }
            Content summary = new Content();
            summary.setType("html");
            summary.setValue(e.summaryHtml());
            entry.setSummary(summary);
            entries.add(entry);
        }
        feed.setEntries(entries);
        try {
            return new WireFeedOutput().outputString(feed, true);
        } catch (FeedException e) {
            throw new IllegalStateException("Rome refused a feed built from valid records: " + e.getMessage(), e);
        }
    }

    private static Link link(String rel, URI href, @Nullable String type) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href.toString());
        if (type != null) {
            link.setType(type);
        }
        return link;
    }
}
