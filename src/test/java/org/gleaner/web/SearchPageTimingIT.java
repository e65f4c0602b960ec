package org.gleaner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A measurement, not a timed test (nothing here asserts a duration): how soon the search page is
 * interactive and shows results in Chromium with {@code -Dtiming.articles=N} synthetic entries indexed.
 * Prints the medians; skipped unless the property is set.
 */
class SearchPageTimingIT {
    private static final int PER_FEED = 1_000;
    private static final int RUNS = 7;

    @TempDir
    Path dir;

    @Test
    void measuresTimeToInteractiveAndToFirstResults() {
        int articles = Integer.getInteger("timing.articles", 0);
        assumeTrue(articles > 0, "set -Dtiming.articles=N to measure");
        assumeTrue(Browser.available(), "needs chromium");
        int feeds = Math.max(1, articles / PER_FEED);
        try (WebFixture web = WebFixture.start(dir, "127.0.0.1", "", site -> syntheticFeeds(site, feeds));
                Browser browser = Browser.start()) {
            long indexed = web.json(web.get("/api/status"))
                    .path("index")
                    .path("documents")
                    .asLong();
            List<Long> interactive = new ArrayList<>();
            List<Long> boxReady = new ArrayList<>();
            List<Long> results = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                browser.driver.get(web.base + "/search?q=" + WORDS[run % 20] + "+" + WORDS[(run * 7 + 3) % 40]);
                browser.waitFor(d -> d.findElement(By.tagName("body")).getAttribute("data-search-ready") != null);
                long domInteractive = ((Number)
                                browser.js(
                                        "const t = performance.getEntriesByType('navigation')[0]; return Math.round(t.domInteractive);"))
                        .longValue();
                long ready = Long.parseLong(
                        browser.driver.findElement(By.tagName("body")).getAttribute("data-search-ready"));
                System.out.println("run " + run + ": "
                        + browser.js("return performance.getEntriesByType('resource')"
                                + ".map(e => e.name.replace(location.origin, '') + ' ' + Math.round(e.startTime) + '+'"
                                + " + Math.round(e.duration)).join(', ');"));
                long view = Long.parseLong(
                        browser.driver.findElement(By.tagName("body")).getAttribute("data-view-ready"));
                if (run > 0) { // the first load warms the JVM and Chromium's cache
                    interactive.add(domInteractive);
                    boxReady.add(view);
                    results.add(ready);
                }
            }
            Collections.sort(interactive);
            Collections.sort(results);
            Collections.sort(boxReady);
            System.out.printf(
                    Locale.ROOT,
                    "search page with %d documents indexed: domInteractive median %d ms (min %d, max %d);"
                            + " search box built and focused median %d ms (min %d, max %d);"
                            + " first results rendered median %d ms (min %d, max %d) after navigation start, %d runs%n",
                    indexed,
                    interactive.get(interactive.size() / 2),
                    interactive.get(0),
                    interactive.get(interactive.size() - 1),
                    boxReady.get(boxReady.size() / 2),
                    boxReady.get(0),
                    boxReady.get(boxReady.size() - 1),
                    results.get(results.size() / 2),
                    results.get(0),
                    results.get(results.size() - 1),
                    interactive.size());
            assertThat(indexed).isGreaterThanOrEqualTo(articles);
        }
    }

    private static final String[] WORDS = buildWords();

    private static String[] buildWords() {
        String[] syllables = {"ka", "lo", "mi", "ren", "sa", "tu", "vor", "ne", "pi", "gal", "do", "bri", "an", "es"};
        SplittableRandom random = new SplittableRandom(7);
        String[] words = new String[2_000];
        for (int i = 0; i < words.length; i++) {
            StringBuilder word = new StringBuilder();
            int parts = 2 + random.nextInt(2);
            for (int p = 0; p < parts; p++) {
                word.append(syllables[random.nextInt(syllables.length)]);
            }
            words[i] = word.toString();
        }
        return words;
    }

    /** Zipf-like: low word indexes are much more frequent. */
    private static String text(SplittableRandom random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            double u = random.nextDouble();
            int index = (int) Math.min(WORDS.length - 1, Math.floor(Math.pow(WORDS.length, u)) - 1);
            text.append(WORDS[Math.max(0, index)]).append(i % 15 == 14 ? ". " : " ");
        }
        return text.toString();
    }

    static List<String[]> syntheticFeeds(FixtureServer site, int feeds) {
        List<String[]> list = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int f = 0; f < feeds; f++) {
            StringBuilder rss = new StringBuilder(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>" + "<title>Synthetic " + f
                            + "</title><link>" + site.uri("/s" + f + "/") + "</link><description>d</description>");
            for (int i = 0; i < PER_FEED; i++) {
                rss.append("<item><title>")
                        .append(text(random, 8))
                        .append("</title><link>")
                        .append(site.uri("/s" + f + "/" + i))
                        .append("</link><guid>s")
                        .append(f)
                        .append('-')
                        .append(i)
                        .append("</guid><pubDate>")
                        .append(String.format(
                                Locale.ROOT, "Mon, %02d Dec 2024 %02d:%02d:00 +0000", 1 + i % 28, i % 24, f % 60))
                        .append("</pubDate><description>")
                        .append(text(random, 180))
                        .append("</description></item>");
            }
            rss.append("</channel></rss>");
            String path = "/s" + f + "/feed.xml";
            site.route(path, FixtureResponse.ok("application/rss+xml; charset=utf-8", rss.toString()));
            list.add(new String[] {"synthetic-" + f, path});
        }
        return list;
    }
}
