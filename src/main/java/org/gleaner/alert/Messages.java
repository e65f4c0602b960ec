package org.gleaner.alert;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.gleaner.store.Alert;
import org.gleaner.store.Delivery;
import org.gleaner.store.Watch;

/** The words and payloads of an alert or a digest, shared by the webhook and e-mail senders. */
final class Messages {
    private Messages() {}

    /** The stable id of what a batch sends: per (watch, story) for one alert, per window for a digest. */
    static String id(Delivery.Batch batch) {
        if (batch.watch().pace() == Watch.Pace.IMMEDIATE) {
            Alert alert = batch.items().get(0).alert();
            return DeliveryIds.forStory(alert.watchId(), alert.storyId());
        }
        return DeliveryIds.forDigest(batch.channel().id(), batch.items().get(0).dueAt());
    }

    static String subject(Delivery.Batch batch) {
        List<Delivery.Item> items = batch.items();
        if (batch.watch().pace() == Watch.Pace.IMMEDIATE) {
            return "[" + batch.watch().name() + "] " + items.get(0).alert().title();
        }
        return "[" + batch.watch().name() + "] " + items.size() + (items.size() == 1 ? " new story" : " new stories")
                + " (" + batch.watch().pace().label() + " digest)";
    }

    /** The generic JSON body. */
    static String json(Delivery.Batch batch, URI publicBase) {
        StringBuilder out = new StringBuilder(512);
        Watch watch = batch.watch();
        out.append("{\"type\":")
                .append(Json.quote(watch.pace() == Watch.Pace.IMMEDIATE ? "gleaner.alert" : "gleaner.digest"))
                .append(",\"id\":")
                .append(Json.quote(id(batch)))
                .append(",\"watch\":{\"id\":")
                .append(watch.id())
                .append(",\"name\":")
                .append(Json.quote(watch.name()))
                .append(",\"query\":")
                .append(Json.quote(watch.query()))
                .append(",\"pace\":")
                .append(Json.quote(watch.pace().label()))
                .append("},\"alerts\":[");
        boolean first = true;
        for (Delivery.Item item : batch.items()) {
            Alert alert = item.alert();
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"id\":")
                    .append(Json.quote(DeliveryIds.forStory(alert.watchId(), alert.storyId())))
                    .append(",\"story\":")
                    .append(Json.quote(alert.storyId()))
                    .append(",\"title\":")
                    .append(Json.quote(alert.title()))
                    .append(",\"url\":")
                    .append(Json.quote(alert.url()))
                    .append(",\"gleanerUrl\":")
                    .append(Json.quote(articlePage(publicBase, alert).toString()))
                    .append(",\"published\":")
                    .append(instant(alert.published()))
                    .append(",\"matchedAt\":")
                    .append(instant(alert.matchedAt()))
                    .append(",\"passageHtml\":")
                    .append(Json.quote(alert.passage()))
                    .append('}');
        }
        return out.append("]}").toString();
    }

    /** The Slack/Mattermost incoming-webhook body: {@code {"text": "..."}} in their markdown. */
    static String slack(Delivery.Batch batch) {
        StringBuilder text = new StringBuilder();
        text.append('*').append(slackEscape(subject(batch))).append('*');
        for (Delivery.Item item : batch.items()) {
            Alert alert = item.alert();
            text.append("\n<")
                    .append(alert.url().replace("|", "%7C").replace(">", "%3E"))
                    .append('|')
                    .append(slackEscape(alert.title()))
                    .append(">\n> ")
                    .append(markToMarkdown(alert.passage()));
        }
        return "{\"text\":" + Json.quote(text.toString()) + "}";
    }

    /** Plain text for e-mail bodies. */
    static String plain(Delivery.Batch batch, URI publicBase) {
        StringBuilder text = new StringBuilder();
        text.append("Watch: ")
                .append(batch.watch().name())
                .append(" (")
                .append(batch.watch().query())
                .append(")\n\n");
        for (Delivery.Item item : batch.items()) {
            Alert alert = item.alert();
            text.append(alert.title())
                    .append('\n')
                    .append(alert.url())
                    .append('\n')
                    .append(unescape(
                            alert.passage().replace(Passages.MARK_OPEN, "*").replace(Passages.MARK_CLOSE, "*")))
                    .append("\nIn Gleaner: ")
                    .append(articlePage(publicBase, alert))
                    .append("\n\n");
        }
        return text.toString();
    }

    /** HTML for e-mail bodies: passages are already escaped, with {@code <mark>} as their only markup. */
    static String html(Delivery.Batch batch, URI publicBase) {
        StringBuilder html = new StringBuilder("<html><body>");
        html.append("<p>Watch <b>")
                .append(Passages.escape(batch.watch().name()))
                .append("</b>: <code>")
                .append(Passages.escape(batch.watch().query()))
                .append("</code></p>");
        for (Delivery.Item item : batch.items()) {
            Alert alert = item.alert();
            html.append("<h3><a href=\"")
                    .append(Passages.escape(alert.url()))
                    .append("\">")
                    .append(Passages.escape(alert.title()))
                    .append("</a></h3><p>")
                    .append(alert.passage())
                    .append("</p><p><a href=\"")
                    .append(Passages.escape(articlePage(publicBase, alert).toString()))
                    .append("\">In Gleaner</a></p>");
        }
        return html.append("</body></html>").toString();
    }

    static URI articlePage(URI publicBase, Alert alert) {
        return publicBase.resolve("/api/articles/"
                + java.net.URLEncoder.encode(alert.documentKey(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String instant(@org.jspecify.annotations.Nullable Instant instant) {
        return instant == null ? "null" : Json.quote(instant.toString());
    }

    private static String markToMarkdown(String passage) {
        // Slack wants &, < and > escaped, which the passage already is; marks become bold.
        return passage.replace(Passages.MARK_OPEN, "*")
                .replace(Passages.MARK_CLOSE, "*")
                .replace("&quot;", "\"")
                .replace("&#x27;", "'");
    }

    private static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&amp;", "&");
    }
}
