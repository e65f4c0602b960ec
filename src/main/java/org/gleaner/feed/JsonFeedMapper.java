package org.gleaner.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * JSON Feed 1.0 and 1.1 (jsonfeed.org) into the same records as RSS and Atom. {@code content_html} is the
 * content (else {@code content_text}); {@code url} is the entry link (else {@code external_url}); 1.0's
 * {@code author} and 1.1's {@code authors} both give the author; {@code tags} are the categories;
 * {@code attachments} the enclosures.
 */
final class JsonFeedMapper {
    // NaN and ±Infinity are what JavaScript's and Python's serializers write for such numbers; a feed that
    // carries one is still a feed.
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(ParseLimits.MAX_JSON_DEPTH)
                    .build())
            .build());

    private JsonFeedMapper() {}

    static FeedParseResult map(String json, @Nullable URI base) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.contains("nesting depth")) {
                return new FeedParseFailure(FeedParseFailure.Kind.TOO_COMPLEX, "JSON nested too deeply");
            }
            return new FeedParseFailure(FeedParseFailure.Kind.MALFORMED, "invalid JSON: " + message);
        }
        if (root == null || !root.isObject()) {
            return new FeedParseFailure(FeedParseFailure.Kind.NOT_A_FEED, "JSON that is not a JSON Feed object");
        }
        String version = string(root, "version");
        boolean declared = version != null && version.contains("jsonfeed.org/version/");
        if (!declared && !hasFeedMember(root) && !onlyExtensions(root)) {
            return new FeedParseFailure(FeedParseFailure.Kind.NOT_A_FEED, "JSON that has no JSON Feed member");
        }
        URI feedBase = base;
        List<ParsedEntry> entries = new ArrayList<>();
        for (JsonNode item : root.path("items")) {
            if (item.isObject()) {
                entries.add(item(item, feedBase));
            }
        }
        return new ParsedFeed(
                string(root, "title"),
                Links.resolve(feedBase, string(root, "home_page_url")),
                string(root, "description"),
                string(root, "language"),
                authors(root),
                entries,
                FeedHints.none());
    }

    /**
     * Publishers leave out {@code version}; an object is still taken for a feed when it has a top-level member
     * JSON Feed defines. Anything else ({"error": "not found"} from an API that replaced a feed) is not a feed.
     */
    private static final List<String> FEED_MEMBERS = List.of(
            "items",
            "title",
            "home_page_url",
            "feed_url",
            "description",
            "user_comment",
            "next_url",
            "icon",
            "favicon",
            "author",
            "authors",
            "language",
            "expired",
            "hubs");

    private static boolean hasFeedMember(JsonNode root) {
        for (String member : FEED_MEMBERS) {
            if (root.has(member)) {
                return true;
            }
        }
        return false;
    }

    /**
     * JSON Feed reserves names that start with {@code _} for extensions, so an object made only of them (or
     * an empty one) is a feed with nothing in it yet, not an API's error object.
     */
    private static boolean onlyExtensions(JsonNode root) {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            if (!names.next().startsWith("_")) {
                return false;
            }
        }
        return true;
    }

    private static ParsedEntry item(JsonNode item, @Nullable URI base) {
        String link = Links.resolve(base, string(item, "url"));
        if (link == null) {
            link = Links.resolve(base, string(item, "external_url"));
        }
        String content = string(item, "content_html");
        if (content != null) {
            content = HtmlLinks.absolutize(HtmlText.windows1252References(content), base);
        } else {
            content = string(item, "content_text");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : item.path("tags")) {
            if (tag.isTextual() && !tag.asText().isBlank()) {
                tags.add(tag.asText().strip());
            }
        }
        Map<String, Enclosure> attachments = new LinkedHashMap<>();
        for (JsonNode a : item.path("attachments")) {
            String url = Links.resolve(base, string(a, "url"));
            if (url != null && !attachments.containsKey(url)) {
                JsonNode size = a.path("size_in_bytes");
                Long length = size.canConvertToLong() && size.asLong() >= 0 ? size.asLong() : null;
                attachments.put(url, new Enclosure(url, string(a, "mime_type"), length));
            }
        }
        // An id is a string or a finite number. true, false, null, NaN and ±Infinity are not: every item that
        // carried one would share a single entry key, so such an item is keyed by its link or content instead.
        JsonNode idNode = item.path("id");
        String id = idNode.isTextual() || (idNode.isNumber() && Double.isFinite(idNode.asDouble()))
                ? idNode.asText().strip()
                : null;
        return new ParsedEntry(
                id == null || id.isBlank() ? null : id,
                string(item, "title"),
                link,
                string(item, "summary"),
                content,
                authors(item),
                date(item, "date_published"),
                date(item, "date_modified"),
                List.copyOf(tags),
                List.copyOf(attachments.values()));
    }

    private static @Nullable String authors(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (JsonNode a : node.path("authors")) {
            String name = authorName(a);
            if (name != null && !names.contains(name)) {
                names.add(name);
            }
        }
        String single = authorName(node.path("author"));
        if (names.isEmpty() && single != null) {
            names.add(single);
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    /**
     * The author's name; without one, the address of a {@code mailto:} url, as an RSS author is shown by its
     * e-mail address when it has nothing else. A web url is not a name.
     */
    private static @Nullable String authorName(JsonNode author) {
        String name = string(author, "name");
        if (name != null) {
            return name;
        }
        String url = string(author, "url");
        if (url == null || !url.regionMatches(true, 0, "mailto:", 0, 7)) {
            return null;
        }
        int query = url.indexOf('?');
        String address = url.substring(7, query < 0 ? url.length() : query).strip();
        return address.isEmpty() ? null : address;
    }

    private static @Nullable Instant date(JsonNode node, String field) {
        return FeedDates.parse(string(node, field));
    }

    private static @Nullable String string(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
