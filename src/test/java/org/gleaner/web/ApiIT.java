package org.gleaner.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API of a real {@code gleaner run} on 127.0.0.1, over the seed fixture site. */
class ApiIT {
    @TempDir
    static Path dir;

    private static WebFixture web;

    @BeforeAll
    static void start() {
        web = WebFixture.start(dir, "127.0.0.1", "");
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    private static String q(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    @Test
    void searchReturnsHighlightedHitsWithFacets() {
        HttpResponse<String> response = web.get("/api/search?facets=1&q=" + q("homs prison"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = web.json(response);
        assertThat(body.path("total").asLong()).isPositive();
        JsonNode first = body.path("hits").get(0);
        assertThat(first.path("titleHtml").asText()).contains("<mark>Homs</mark>");
        assertThat(first.path("id").asText()).matches("[A-Za-z0-9_-]+");
        assertThat(body.path("facets").path("feed").get(0).path("value").asText())
                .isEqualTo("war-in-context");
    }

    @Test
    void filtersSortAndLimitNarrowTheResults() {
        JsonNode all = web.json(web.get("/api/search?sort=newest&q="));
        assertThat(all.path("hits").size()).isEqualTo(2);
        JsonNode filtered = web.json(web.get("/api/search?feed=no-such-feed&q=homs"));
        assertThat(filtered.path("hits").size()).isZero();
        JsonNode limited = web.json(web.get("/api/search?limit=1&q="));
        assertThat(limited.path("hits").size()).isEqualTo(1);
        assertThat(limited.path("nextCursor").isTextual()).isTrue();
        JsonNode next = web.json(web.get(
                "/api/search?limit=1&q=&cursor=" + q(limited.path("nextCursor").asText())));
        assertThat(next.path("hits").get(0).path("id").asText())
                .isNotEqualTo(limited.path("hits").get(0).path("id").asText());
    }

    @Test
    void malformedQueryIsA400WithTheParsersMessageAndPosition() {
        HttpResponse<String> response = web.get("/api/search?q=" + q("homs )"));
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = web.json(response);
        assertThat(body.path("error").asText()).contains("column 6");
        assertThat(body.path("position").asInt()).isEqualTo(5);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void badParametersAre400NotServerErrors() {
        assertThat(web.get("/api/search?q=homs&limit=abc").statusCode()).isEqualTo(400);
        assertThat(web.get("/api/search?q=homs&limit=1000").statusCode()).isEqualTo(400);
        assertThat(web.get("/api/search?q=homs&sort=sideways").statusCode()).isEqualTo(400);
        assertThat(web.get("/api/search?q=homs&cursor=garbage").statusCode()).isEqualTo(400);
    }

    @Test
    void articleCarriesSanitizedHtmlTextAndTheEntryThatPointedAtIt() {
        JsonNode hit = web.json(web.get("/api/search?q=" + q("\"clatter of tank treads\"")))
                .path("hits")
                .get(0);
        HttpResponse<String> response =
                web.get("/api/articles/" + hit.path("id").asText());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode article = web.json(response);
        assertThat(article.path("title").asText()).contains("Syrian army flees Homs");
        assertThat(article.path("url").asText()).endsWith(WebFixture.ARTICLE);
        assertThat(article.path("text").asText()).contains("clatter of tank treads");
        assertThat(article.path("html").asText()).contains("<p>").doesNotContain("<script");
        JsonNode entry = article.path("entries").get(0);
        assertThat(entry.path("feed").asText()).isEqualTo("war-in-context");
        assertThat(entry.path("text").asText()).contains("Hassan Hassan joins Mehdi Hasan");
    }

    @Test
    void unknownArticleIs404() {
        assertThat(web.get("/api/articles/bm9wZQ").statusCode()).isEqualTo(404);
        assertThat(web.get("/api/articles/%25%25").statusCode()).isEqualTo(404);
        assertThat(web.get("/api/articles/bm9wZQ/similar").statusCode()).isEqualTo(404);
    }

    @Test
    void similarArticlesExcludeTheArticleItself() {
        String id = web.json(web.get("/api/search?q=homs"))
                .path("hits")
                .get(0)
                .path("id")
                .asText();
        HttpResponse<String> response = web.get("/api/articles/" + id + "/similar");
        assertThat(response.statusCode()).isEqualTo(200);
        for (JsonNode similar : web.json(response).path("hits")) {
            assertThat(similar.path("id").asText()).isNotEqualTo(id);
        }
    }

    @Test
    void openApiDocumentDescribesEveryReadEndpoint() {
        JsonNode spec = web.json(web.get("/api/openapi.json"));
        assertThat(spec.path("openapi").asText()).startsWith("3.");
        for (String path : new String[] {"/api/search", "/api/articles/{id}", "/api/articles/{id}/similar"}) {
            assertThat(spec.path("paths").has(path)).as(path).isTrue();
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (String path : new String[] {"/", "/js/app.js", "/app.css", "/api/search?q=homs", "/feeds"}) {
            HttpResponse<String> response = web.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("default-src 'none'")
                            .contains("script-src 'self'")
                            .doesNotContain("unsafe-inline"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        }
    }

    @Test
    void thePageLoadsItsModulesFromAPathNamedAfterTheirContentsCachedForGood() {
        String page = web.get("/").body();
        java.util.regex.Matcher app = java.util.regex.Pattern.compile("src=\"(/assets/[0-9a-f]{16}/js/app\\.js)\"")
                .matcher(page);
        assertThat(app.find()).as(page).isTrue();
        HttpResponse<String> module = web.get(app.group(1));
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.body()).isEqualTo(web.get("/js/app.js").body());
        assertThat(module.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(module.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page).contains(app.group(1).replace("app.js", "search.js")).doesNotContain("\"/js/");
        assertThat(web.get("/").headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void stateChangesNeedTheCsrfToken() {
        assertThat(web.post("/api/feeds/war-in-context/pause", "{}").statusCode())
                .isEqualTo(403);
        assertThat(web.post("/api/feeds/war-in-context/pause", "{}", AccessControl.CSRF_HEADER, "wrong")
                        .statusCode())
                .isEqualTo(403);
        String token = web.csrfToken();
        assertThat(web.post("/api/feeds/war-in-context/pause", "{}", AccessControl.CSRF_HEADER, token)
                        .statusCode())
                .isEqualTo(200);
        JsonNode feed = web.json(web.get("/api/feeds")).path("feeds").get(0);
        assertThat(feed.path("paused").asBoolean()).isTrue();
        assertThat(feed.path("health").asText()).isEqualTo("ok");
        assertThat(feed.path("entryCount").asInt()).isEqualTo(2);
        assertThat(web.post("/api/feeds/war-in-context/resume", "{}", AccessControl.CSRF_HEADER, token)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void opmlExportListsTheConfiguredFeeds() {
        HttpResponse<String> response = web.get("/api/feeds/export");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<opml").contains("/blog/feed/");
    }

    @Test
    void statusReportsCountsAndQueue() {
        JsonNode status = web.json(web.get("/api/status"));
        assertThat(status.path("store").path("articles").asLong()).isEqualTo(1);
        assertThat(status.path("store").path("entries").asLong()).isEqualTo(2);
        assertThat(status.path("store").path("databaseBytes").asLong()).isPositive();
        assertThat(status.has("indexQueue")).isTrue();
    }

    @Test
    void watchesAreListed() {
        assertThat(web.get("/api/watches").statusCode()).isEqualTo(200);
    }
}
