package org.gleaner.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The JSON that {@code gleaner inspect} prints (issue 2): one line, keys in this order, dates ISO-8601 UTC,
 * missing values null, categories and enclosures always arrays:
 * {@code {"title","link","subtitle","language","author","entries":[{"id","title","link","summary","content",
 * "author","published","updated","categories":[…],"enclosures":[{"url","type","length"}]}]}}. The batch form
 * puts {@code "_file"} first; a file that cannot be parsed is {@code {"_file":…,"_error":"…"}}.
 */
public final class FeedJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private FeedJson() {}

    public static String inspect(ParsedFeed feed) {
        return write(null, feed);
    }

    public static String inspect(ParsedFeed feed, String file) {
        return write(file, feed);
    }

    public static String inspectError(String file, String message) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("_file", file);
            g.writeStringField("_error", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String write(@Nullable String file, ParsedFeed feed) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            if (file != null) {
                g.writeStringField("_file", file);
            }
            field(g, "title", feed.title());
            field(g, "link", feed.link());
            field(g, "subtitle", feed.subtitle());
            field(g, "language", feed.language());
            field(g, "author", feed.author());
            g.writeArrayFieldStart("entries");
            for (ParsedEntry e : feed.entries()) {
                g.writeStartObject();
                field(g, "id", e.id());
                field(g, "title", e.title());
                field(g, "link", e.link());
                field(g, "summary", e.summary());
                field(g, "content", e.content());
                field(g, "author", e.author());
                field(g, "published", date(e.published()));
                field(g, "updated", date(e.updated()));
                g.writeArrayFieldStart("categories");
                for (String c : e.categories()) {
                    g.writeString(c);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("enclosures");
                for (Enclosure enc : e.enclosures()) {
                    g.writeStartObject();
                    g.writeStringField("url", enc.url());
                    field(g, "type", enc.type());
                    g.writeFieldName("length");
                    Long length = enc.length();
                    if (length == null) {
                        g.writeNull();
                    } else {
                        g.writeNumber(length);
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static @Nullable String date(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static void field(JsonGenerator g, String name, @Nullable String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }
}
