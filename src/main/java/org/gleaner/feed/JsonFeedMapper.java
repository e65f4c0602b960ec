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
        String link = Links.resolve(feedBase, string(root, "home_page_url"));
        if (link == null) {
            link = stringOrBlank(root, "home_page_url");
        }
        return new ParsedFeed(
                stringOrBlank(root, "title"),
                link,
                stringOrBlank(root, "description"),
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
        if (link == null) {
            link = stringOrBlank(item, "url");
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
        JsonNode idNode = item.path("id");
        String id = idNode.isTextual() || isFiniteNumber(idNode) ? nonBlankText(idNode) : coercedId(idNode);
        return new ParsedEntry(
                id,
                stringOrBlank(item, "title"),
                link,
                string(item, "summary"),
                content,
                authors(item),
                date(item, "date_published"),
                date(item, "date_modified"),
                List.copyOf(tags),
                List.copyOf(attachments.values()),
                idIsKey(idNode, id));
    }

    private static boolean isFiniteNumber(JsonNode node) {
        return node.isNumber() && Double.isFinite(node.asDouble());
    }

    private static @Nullable String nonBlankText(JsonNode node) {
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /**
     * JSON Feed (1.0 and 1.1): "If an id is presented as a number or other type, a JSON Feed reader must coerce
     * it to a string." true, false, null, NaN and ±Infinity read as the words they are written with; an object
     * or array has no string form worth showing and gives no id. An item without the member has no id.
     */
    private static @Nullable String coercedId(JsonNode node) {
        if (node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isNumber()) {
            double d = node.asDouble();
            return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        }
        return node.asText();
    }

    /**
     * Only a string or a finite number identifies an item: every item of a generator that writes
     * {@code "id": null} (or true, NaN...) shares the coerced word, and keyed by it, one refresh's story would
     * overwrite another's. Such items are keyed by their link or text instead.
     */
    private static boolean idIsKey(JsonNode node, @Nullable String id) {
        return id != null && (node.isTextual() || isFiniteNumber(node));
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

    /**
     * A title, description or url the feed gives as a blank string is "" rather than null: inspecting a feed
     * shows the blank member apart from a missing one. Consumers treat both as absent.
     */
    private static @Nullable String stringOrBlank(JsonNode node, String field) {
        String value = string(node, field);
        return value == null && node.path(field).isTextual() ? "" : value;
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
