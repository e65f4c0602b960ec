package org.gleaner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.gleaner.testing.ThreadDumpOnFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web app in real Chromium against {@code gleaner run} on 127.0.0.1 with a fixture feed site:
 * search and facets, the article view, adding a feed by its web page, and feeds full of XSS payloads.
 * Skipped when Debian's chromium and chromium-driver are not installed.
 */
@ExtendWith(ThreadDumpOnFailure.class)
class WebAppIT {
    @TempDir
    static Path dir;

    static WebFixture web;
    static Browser browser;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot(Path.of("target", "screenshots", "WebAppIT-" + context.getDisplayName() + ".png"));
            }
        }
    };

    @BeforeAll
    static void start() {
        assumeTrue(
                Browser.available(),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        web = WebFixture.start(dir, "127.0.0.1", "", WebAppIT::extraSites);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (web != null) {
            web.close();
        }
    }

    @BeforeEach
    void noDialogsBefore() {
        browser.driver.get(web.base + "/status");
    }

    /** The XSS feed (configured) and a garden site whose page announces a feed (added in a test). */
    static List<String[]> extraSites(FixtureServer site) {
        site.route("/evil/feed.xml", FixtureResponse.ok("application/rss+xml; charset=utf-8", XssPayloads.feed(site)));
        site.route("/evil/story", FixtureResponse.ok("text/html; charset=utf-8", XssPayloads.page()));
        site.route(
                "/garden/",
                FixtureResponse.ok(
                        "text/html; charset=utf-8",
                        """
                <!doctype html><html><head><title>Garden notes</title>
                <link rel="alternate" type="application/rss+xml" title="Garden notes" href="/garden/feed.xml">
                </head><body><h1>Garden notes</h1><p>Our feed is announced in the head.</p></body></html>"""));
        site.route(
                "/garden/feed.xml",
                FixtureResponse.ok(
                        "application/rss+xml; charset=utf-8",
                        """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Garden notes</title><link>%s</link><description>d</description>
                <item><title>The quokka census is in</title><link>%s</link><guid>garden-1</guid>
                <pubDate>Sun, 08 Dec 2024 09:00:00 +0000</pubDate>
                <description>This year's quokka census counted more marsupials in the hedge than ever. The volunteers
                walked every path of the garden twice, once at dawn and once at dusk, and wrote down every animal
                they saw, its size, and what it was eating. The results surprised everyone who took part.</description>
                </item></channel></rss>"""
                                .formatted(site.uri("/garden/"), site.uri("/garden/quokka"))));
        site.route("/live/feed.xml", FixtureResponse.ok("application/rss+xml; charset=utf-8", liveFeed(site, false)));
        return List.<String[]>of(
                new String[] {"evil-feed", "/evil/feed.xml"}, new String[] {"live-feed", "/live/feed.xml"});
    }

    /** A feed that gains an entry about wombats when {@code withWombat} is set. */
    static String liveFeed(FixtureServer site, boolean withWombat) {
        return liveFeed(site, withWombat, false);
    }

    /** The live feed, with the wombat and the kangaroo entries when asked for. */
    static String liveFeed(FixtureServer site, boolean withWombat, boolean withKangaroo) {
        String item = "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate>"
                + "<description>%s</description></item>";
        String body = " The keepers weighed every animal, measured the burrows and wrote a long report about what"
                + " they found, which the city council will read at its next meeting in the spring.";
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>Zoo news</title><link>" + site.uri("/live/") + "</link><description>d</description>");
        if (withKangaroo) {
            rss.append(item.formatted(
                    "Kangaroo escapes the city zoo and visits the harbour",
                    site.uri("/live/3"),
                    "live-3",
                    "Wed, 11 Dec 2024 09:00:00 +0000",
                    "A kangaroo hopped out of the zoo and was found near the harbour." + body));
        }
        if (withWombat) {
            rss.append(item.formatted(
                    "Wombat burrow found under the library",
                    site.uri("/live/2"),
                    "live-2",
                    "Tue, 10 Dec 2024 09:00:00 +0000",
                    "A wombat dug a burrow under the library." + body));
        }
        rss.append(item.formatted(
                "Zoo counts its otters",
                site.uri("/live/1"),
                "live-1",
                "Mon, 09 Dec 2024 09:00:00 +0000",
                "The zoo counted its otters." + body));
        return rss.append("</channel></rss>").toString();
    }

    private void search(String query) {
        browser.driver.get(
                web.base + "/search?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
        browser.waitFor(d -> d.findElement(By.tagName("body")).getAttribute("data-search-ready") != null);
    }

    private List<WebElement> hits() {
        return browser.driver.findElements(By.cssSelector("#results .hit"));
    }

    @Test
    void searchShowsHighlightsAndDrillsDownByFacet() {
        search("homs");
        assertThat(hits()).isNotEmpty();
        assertThat(browser.driver
                        .findElement(By.cssSelector("#results .hit h3 mark"))
                        .getText())
                .isEqualToIgnoringCase("homs");
        WebElement feedFacet = browser.waitFor(d -> d.findElement(By.cssSelector("button[data-facet='feed']")));
        assertThat(feedFacet.getText()).contains("war-in-context");
        feedFacet.click();
        browser.waitFor(d -> d.getCurrentUrl().contains("feed=war-in-context"));
        browser.waitFor(d -> d.findElement(By.cssSelector("button[data-facet='feed'][aria-pressed='true']")));
        assertThat(browser.driver.findElement(By.id("active-filters")).getText())
                .contains("feed: war-in-context");

        // The URL is shareable: opening it fresh shows the same filtered search.
        String shared = browser.driver.getCurrentUrl();
        browser.driver.get(shared);
        browser.waitFor(d -> d.findElement(By.tagName("body")).getAttribute("data-search-ready") != null);
        assertThat(browser.driver.findElement(By.id("q")).getAttribute("value")).isEqualTo("homs");
        assertThat(hits()).isNotEmpty();
        assertThat(browser.dialogs()).isZero();
    }

    @Test
    void typingSearchesAfterAPauseAndSlashFocusesTheBox() {
        browser.driver.get(web.base + "/search");
        browser.waitFor(d -> d.findElement(By.tagName("body")).getAttribute("data-search-ready") != null);
        browser.js("document.activeElement.blur();");
        new org.openqa.selenium.interactions.Actions(browser.driver)
                .sendKeys("/")
                .perform();
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("q");
        browser.driver.switchTo().activeElement().sendKeys("clatter of tank");
        browser.waitFor(d -> d.getCurrentUrl().contains("q=clatter"));
        browser.waitFor(d -> d.findElements(By.cssSelector("#results .hit")).size() == 1);
    }

    @Test
    void malformedQueryShowsTheParsersMessageNextToTheBox() {
        search("homs )");
        WebElement error = browser.waitFor(d -> {
            WebElement e = d.findElement(By.id("query-error"));
            return e.isDisplayed() ? e : null;
        });
        assertThat(error.getText()).contains("column 6");
        assertThat(browser.driver.findElement(By.id("q")).getAttribute("aria-invalid"))
                .isEqualTo("true");
    }

    @Test
    void articlePageShowsTheReadingViewTheBloggersCommentaryAndSimilarArticles() {
        search("\"clatter of tank treads\"");
        browser.driver.findElement(By.cssSelector("#results .hit h3 a")).click();
        browser.waitFor(d -> d.getCurrentUrl().contains("/article/"));
        WebElement heading = browser.waitFor(d -> d.findElement(By.cssSelector("article.reading h1")));
        assertThat(heading.getText()).contains("Syrian army flees Homs");
        assertThat(browser.driver.findElement(By.cssSelector(".article-body")).getText())
                .contains("clatter of tank treads");
        assertThat(browser.driver.findElement(By.cssSelector(".pointers")).getText())
                .contains("Hassan Hassan joins Mehdi Hasan");
        assertThat(browser.driver.findElement(By.cssSelector("a.original-link")).getAttribute("href"))
                .endsWith(WebFixture.ARTICLE);
        browser.waitFor(d -> !d.findElements(By.cssSelector("#similar li")).isEmpty());
    }

    @Test
    void feedAddedByItsWebPageIsFetchedAndSearchable() {
        browser.driver.get(web.base + "/feeds");
        WebElement address = browser.waitFor(d -> d.findElement(By.id("feed-url")));
        address.sendKeys(web.site.uri("/garden/").toString());
        browser.driver.findElement(By.id("preview")).click();
        WebElement add = browser.waitFor(d -> d.findElement(By.id("add-feed")));
        assertThat(browser.driver.findElement(By.id("add-result")).getText())
                .contains("Garden notes")
                .contains("1 entries");
        add.click();
        browser.waitFor(d -> d.findElement(By.id("add-result")).getText().contains("Added"));
        WebElement count = browser.waitFor(Duration.ofSeconds(30), d -> {
            List<WebElement> cells = d.findElements(By.cssSelector(
                    "li[data-feed='127-0-0-1-garden-feed-xml'] .entry-count, li[data-feed*='garden'] .entry-count"));
            return !cells.isEmpty() && cells.get(0).getText().equals("1") ? cells.get(0) : null;
        });
        assertThat(count.getText()).isEqualTo("1");
        browser.waitFor(Duration.ofSeconds(10), d -> {
            search("quokka census");
            return hits().size() == 1;
        });
    }

    @Test
    void feedFullOfXssPayloadsExecutesNothingAndShowsTheTextHarmlessly() {
        search("zanzibar");
        assertThat(hits()).hasSize(1);
        String title =
                browser.driver.findElement(By.cssSelector("#results .hit h3")).getText();
        // The title comes from the source page's og:title: the markup in it shows as plain text.
        assertThat(title).contains("<svg onload=alert('og')>");
        assertThat(browser.driver.findElements(
                        By.cssSelector("#results img, #results script, #results svg, #results iframe")))
                .isEmpty();
        browser.driver.findElement(By.cssSelector("#results .hit h3 a")).click();
        browser.waitFor(d -> d.findElement(By.cssSelector("article.reading h1")));
        browser.waitFor(d -> !d.findElements(By.cssSelector("#similar li")).isEmpty());
        String body = browser.driver.findElement(By.tagName("main")).getText();
        assertThat(body).contains("zanzibar");
        assertThat(browser.driver.findElements(
                        By.cssSelector("main script, main iframe, main svg, main form, main object, main embed")))
                .isEmpty();
        for (WebElement link : browser.driver.findElements(By.cssSelector("main a[href]"))) {
            assertThat(link.getAttribute("href")).startsWith("http");
        }
        assertThat(browser.driver.findElements(
                        By.cssSelector("main [onerror], main [onload], main [onclick], main [style]")))
                .isEmpty();
        browser.driver.get(web.base + "/feeds");
        browser.waitFor(d -> d.findElement(By.cssSelector("li[data-feed='evil-feed']")));
        assertThat(browser.dialogs()).isZero();
        assertThat(browser.js("return window.__xss === undefined")).isEqualTo(true);
    }

    @Test
    void newMatchingArticleAppearsOnTheOpenSearchPageWithoutReloading() {
        search("wombat");
        assertThat(hits()).isEmpty();
        browser.waitFor(d -> "open".equals(d.findElement(By.tagName("body")).getAttribute("data-live")));
        web.site.route(
                "/live/feed.xml", FixtureResponse.ok("application/rss+xml; charset=utf-8", liveFeed(web.site, true)));
        assertThat(web.post("/api/feeds/live-feed/refresh", "{}", AccessControl.CSRF_HEADER, web.csrfToken())
                        .statusCode())
                .isEqualTo(202);
        WebElement fresh = browser.waitFor(Duration.ofSeconds(20), d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#fresh .hit"));
            return found.isEmpty() ? null : found.get(0);
        });
        assertThat(fresh.getText()).contains("Wombat burrow found under the library");
        assertThat(browser.driver.findElement(By.id("fresh")).isDisplayed()).isTrue();
    }

    @Test
    void aWatchSavedFromASearchShowsTheNextMatchLiveAndInItsAtomFeed() throws Exception {
        search("kangaroo");
        assertThat(hits()).isEmpty();
        browser.driver.findElement(By.id("save-watch")).click();
        browser.waitFor(d -> d.findElement(By.id("watch-query")));
        assertThat(browser.driver.findElement(By.id("watch-query-input")).getAttribute("value"))
                .isEqualTo("kangaroo");
        browser.driver.findElement(By.id("watch-name")).sendKeys("kangaroos");
        browser.driver.findElement(By.id("watch-save")).click();
        WebElement item = browser.waitFor(d -> d.findElement(By.cssSelector("li.watch[data-watch='kangaroos']")));
        String atom = item.findElement(By.cssSelector("a.atom")).getAttribute("href");
        browser.waitFor(d -> "open".equals(d.findElement(By.tagName("body")).getAttribute("data-live")));

        web.site.route(
                "/live/feed.xml",
                FixtureResponse.ok("application/rss+xml; charset=utf-8", liveFeed(web.site, true, true)));
        assertThat(web.post("/api/feeds/live-feed/refresh", "{}", AccessControl.CSRF_HEADER, web.csrfToken())
                        .statusCode())
                .isEqualTo(202);
        WebElement fresh =
                browser.waitFor(Duration.ofSeconds(20), d -> d.findElement(By.cssSelector("#watch-live li.hit")));
        assertThat(fresh.getText()).contains("Kangaroo escapes the city zoo");

        String path = java.net.URI.create(atom).getRawPath();
        String feed = "";
        for (int i = 0; i < 100 && !feed.contains("Kangaroo escapes"); i++) {
            feed = web.get(path).body();
            Thread.sleep(200);
        }
        assertThat(feed)
                .contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"")
                .contains("Kangaroo escapes the city zoo");
        WebElement count = browser.waitFor(d -> {
            WebElement meta = d.findElement(By.cssSelector("li.watch[data-watch='kangaroos'] .meta"));
            return meta.getText().contains("1 alert") ? meta : null;
        });
        assertThat(count.getText()).contains("last match");
    }

    @Test
    void pagesFitAPhoneScreenWithoutSideways() {
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            search("homs");
            assertThat(overflow()).as("search").isLessThanOrEqualTo(0);
            browser.driver.findElement(By.cssSelector("#results .hit h3 a")).click();
            browser.waitFor(d -> !d.findElements(By.cssSelector("#similar li")).isEmpty());
            assertThat(overflow()).as("article").isLessThanOrEqualTo(0);
            browser.driver.get(web.base + "/feeds");
            browser.waitFor(d -> d.findElement(By.cssSelector("li[data-feed='war-in-context']")));
            assertThat(overflow()).as("feeds").isLessThanOrEqualTo(0);
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    /** How many pixels the page is wider than the window, naming the widest element when it is. */
    private long overflow() {
        Object result = browser.js(
                "const root = document.documentElement;"
                        + "const extra = root.scrollWidth - root.clientWidth;"
                        + "if (extra <= 0) return 0;"
                        + "let widest = null;"
                        + "for (const e of document.querySelectorAll('main *')) {"
                        + "  if (e.getBoundingClientRect().right > root.clientWidth + 1) widest = e; }"
                        + "throw new Error('page is ' + extra + 'px too wide; e.g. ' + (widest ? widest.outerHTML.slice(0, 200) : '?'));");
        return ((Number) result).longValue();
    }

    /** Rewrites src/site/screenshots/*.png (linked from the README) with {@code -Dscreenshots.update=true}. */
    @Test
    void savesScreenshotsOfTheMainPages() {
        assumeTrue(Boolean.getBoolean("screenshots.update"), "set -Dscreenshots.update=true to rewrite them");
        Path out = Path.of("src", "site", "screenshots");
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1100, 720));
        try {
            search("homs");
            browser.js("document.activeElement.blur();");
            browser.screenshot(out.resolve("search.png"));
            browser.driver.findElement(By.cssSelector("#results .hit h3 a")).click();
            browser.waitFor(d -> !d.findElements(By.cssSelector("#similar li")).isEmpty());
            browser.screenshot(out.resolve("article.png"));
            browser.driver.get(web.base + "/feeds");
            browser.waitFor(d -> d.findElement(By.cssSelector("li[data-feed='war-in-context']")));
            browser.screenshot(out.resolve("feeds.png"));
            browser.driver.get(web.base + "/status");
            browser.waitFor(d -> d.findElement(By.id("st-ingest")));
            browser.screenshot(out.resolve("status.png"));
            web.post(
                    "/api/watches",
                    "{\"name\":\"syria-cities\",\"query\":\"homs OR aleppo\",\"pace\":\"hourly\"}",
                    AccessControl.CSRF_HEADER,
                    web.csrfToken());
            browser.driver.get(web.base + "/watches?q=homs");
            browser.waitFor(d -> d.findElement(By.cssSelector("li.watch[data-watch='syria-cities']")));
            browser.waitFor(
                    d -> !d.findElement(By.id("watch-preview-status")).getText().isEmpty());
            browser.js("document.activeElement.blur();");
            browser.screenshot(out.resolve("watches.png"));
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
        assertThat(out.resolve("search.png")).isNotEmptyFile();
    }

    @Test
    void emptyStatesAndPagesAreReachableByKeyboardLandmarks() {
        browser.driver.get(web.base + "/status");
        browser.waitFor(d -> d.findElement(By.id("st-ingest")));
        assertThat(browser.driver.findElements(By.cssSelector("header nav[aria-label='Main'] a")))
                .hasSize(4);
        assertThat(browser.driver.findElement(By.cssSelector("main")).getText()).contains("Documents");
        browser.driver.get(web.base + "/watches?q=homs");
        WebElement pending = browser.waitFor(d -> d.findElement(By.id("watch-query")));
        assertThat(pending.getText()).isEqualTo("homs");
    }
}
