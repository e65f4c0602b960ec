package org.gleaner.web;

import org.gleaner.testing.FixtureServer;

/**
 * A feed and an article page with script payloads in every field. Each payload would call alert()
 * (counted by {@link Browser}) or set {@code window.__xss}; the word "zanzibar" makes them findable.
 */
final class XssPayloads {
    private XssPayloads() {}

    private static final String HTML_PAYLOADS = "<p>Payload body about zanzibar and its spice markets, with"
            + " enough ordinary words around the payloads to be an article of its own.</p>"
            + "<script>alert('content'); window.__xss = 1;</script>"
            + "<p><a href=\"javascript:alert('href')\">a javascript link</a>"
            + " <img src=\"x\" onerror=\"alert('img'); window.__xss = 1\">"
            + " <iframe src=\"javascript:alert('frame')\"></iframe>"
            + " <svg onload=\"alert('svg')\"><script>alert('svg-script')</script></svg>"
            + " <div style=\"background:url(javascript:alert('css'))\" onclick=\"alert('click')\">styled text</div>"
            + " <form action=\"javascript:alert('form')\"><button>go</button></form>"
            + " <a href=\"data:text/html,&lt;script&gt;alert('data')&lt;/script&gt;\">a data link</a>"
            + " <object data=\"javascript:alert('object')\"></object>"
            + " <math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')></style></mglyph></table></mtext></math>"
            + "</p><p>The spice markets of zanzibar sell cloves, nutmeg, cinnamon and pepper to visitors and"
            + " traders, and the old town's narrow streets are full of carved doors and quiet courtyards.</p>";

    static String feed(FixtureServer site) {
        String x = "&lt;img src=x onerror=alert('%s')&gt;";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
                <channel>
                <title>%s Evil feed &lt;script&gt;alert('feed')&lt;/script&gt;</title>
                <link>%s</link>
                <description>%s</description>
                <item>
                  <title>%s Payload title &lt;script&gt;alert('t')&lt;/script&gt;</title>
                  <link>%s</link>
                  <guid isPermaLink="false">evil-1</guid>
                  <dc:creator>&lt;svg onload=alert('author')&gt;</dc:creator>
                  <category>&lt;script&gt;alert('category')&lt;/script&gt;</category>
                  <pubDate>Sun, 08 Dec 2024 10:00:00 +0000</pubDate>
                  <description><![CDATA[<p>Zanzibar excerpt <img src=x onerror="alert('description')"></p>]]></description>
                  <content:encoded><![CDATA[%s [Continue reading]]]></content:encoded>
                </item>
                </channel>
                </rss>"""
                .formatted(
                        x.formatted("feed-title"),
                        site.uri("/evil/"),
                        x.formatted("feed-description"),
                        x.formatted("title"),
                        site.uri("/evil/story"),
                        HTML_PAYLOADS.replace("]]>", ""));
    }

    static String page() {
        return "<!doctype html><html><head><title>&lt;script&gt;alert('page-title')&lt;/script&gt; Zanzibar story</title>"
                + "<meta name=\"author\" content=\"&lt;img src=x onerror=alert('byline')&gt;\">"
                + "<meta property=\"og:title\" content=\"Zanzibar story &lt;svg onload=alert('og')&gt;\">"
                + "<script>alert('page-script')</script></head><body><article><h1>Zanzibar story</h1>"
                + HTML_PAYLOADS + HTML_PAYLOADS.replace("Payload body", "Second part")
                + "</article></body></html>";
    }
}
