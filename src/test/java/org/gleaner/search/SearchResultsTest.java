package org.gleaner.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.gleaner.index.FakeChangeLog.doc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;
import org.gleaner.index.FakeChangeLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranking, sorting, facets, story collapse, cursors, totals and "more like this". */
class SearchResultsTest {
    private static final Instant NOW = SearchFixture.NOW;

    @TempDir
    Path dir;

    private SearchFixture fixture;

    @BeforeEach
    void open() throws IOException {
        fixture = new SearchFixture(dir);
    }

    @AfterEach
    void close() throws IOException {
        fixture.close();
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    @Test
    void aTitleMatchRanksAboveABodyMatch() throws Exception {
        fixture.add(
                doc("body")
                        .title("Market news")
                        .text("A long report that mentions ceasefire once among many other words."),
                doc("title").title("Ceasefire agreed").text("A long report about the talks and many other words."));
        assertThat(fixture.keys("ceasefire")).containsExactly("title", "body");
    }

    @Test
    void anEntryMatchRanksAboveAnArticleBodyMatch() throws Exception {
        fixture.add(
                doc("text").title("Report").text("the ceasefire was discussed at length by everyone there"),
                doc("entry").title("Report").entry("the ceasefire was discussed at length by everyone there"));
        assertThat(fixture.keys("ceasefire")).containsExactly("entry", "text");
    }

    @Test
    void relevanceGivesTheFresherOfTwoEqualMatchesTheLead() throws Exception {
        fixture.add(
                doc("old").title("Ceasefire talks").text("Same words here.").published(daysAgo(60)),
                doc("new").title("Ceasefire talks").text("Same words here.").published(daysAgo(1)));
        assertThat(fixture.keys("ceasefire")).containsExactly("new", "old");
    }

    @Test
    void freshnessIsMildAndDoesNotOutweighAMuchBetterMatch() throws Exception {
        fixture.add(
                doc("old").title("Ceasefire ceasefire talks on the ceasefire").published(daysAgo(400)),
                doc("new")
                        .title("Weather")
                        .text("In other news, a ceasefire, the weather, sport, markets, culture and travel.")
                        .published(NOW));
        assertThat(fixture.keys("ceasefire")).containsExactly("old", "new");
    }

    @Test
    void sortsNewestAndOldestFirstWithUndatedLast() throws Exception {
        fixture.add(
                doc("mid").title("talks").published(daysAgo(5)),
                doc("undated").title("talks"),
                doc("new").title("talks").published(daysAgo(1)),
                doc("old").title("talks").published(daysAgo(9)));
        SearchRequest request = SearchRequest.of("talks", 10);
        assertThat(keys(fixture.searcher.search(request.withSort(SearchRequest.Sort.NEWEST))))
                .containsExactly("new", "mid", "old", "undated");
        assertThat(keys(fixture.searcher.search(request.withSort(SearchRequest.Sort.OLDEST))))
                .containsExactly("old", "mid", "new", "undated");
    }

    @Test
    void aBlankQueryMatchesEverythingSoFiltersCanBrowse() throws Exception {
        fixture.add(doc("a").title("one").feeds("x"), doc("b").title("two").feeds("y"));
        SearchResults results =
                fixture.searcher.search(SearchRequest.of("", 10).withFilters(Map.of("feed", List.of("y"))));
        assertThat(keys(results)).containsExactly("b");
    }

    @Test
    void countsFacetsOverTheMatchesOnly() throws Exception {
        fixture.add(
                doc("a").title("syria talks")
                        .feeds("bbc", "guardian")
                        .site("bbc.co.uk")
                        .tags("syria")
                        .published(daysAgo(0)),
                doc("b").title("syria talks")
                        .feeds("bbc")
                        .site("bbc.co.uk")
                        .tags("syria", "un")
                        .language("fr")
                        .published(daysAgo(2)),
                doc("c").title("syria talks")
                        .feeds("aljazeera")
                        .site("aljazeera.com")
                        .published(daysAgo(45)),
                doc("d").title("unrelated").feeds("bbc").site("bbc.co.uk").tags("sport"));
        SearchResults results =
                fixture.searcher.search(SearchRequest.of("syria", 10).withFacets(true));
        assertThat(results.facets().get("feed"))
                .containsExactly(
                        new FacetCount("bbc", 2), new FacetCount("aljazeera", 1), new FacetCount("guardian", 1));
        assertThat(results.facets().get("site"))
                .containsExactly(new FacetCount("bbc.co.uk", 2), new FacetCount("aljazeera.com", 1));
        assertThat(results.facets().get("tag")).containsExactly(new FacetCount("syria", 2), new FacetCount("un", 1));
        assertThat(results.facets().get("lang")).containsExactly(new FacetCount("en", 2), new FacetCount("fr", 1));
        assertThat(results.facets().get("published"))
                .containsExactly(
                        new FacetCount("2024-12-10", 1), new FacetCount("2024-12-08", 1), new FacetCount("2024-10", 1));
    }

    @Test
    void countsFacetValuesAcrossSegmentsThatNumberThemDifferently() throws Exception {
        // each add is its own segment: "bbc" is the first value of one and the second of another
        fixture.add(doc("a").title("syria talks").feeds("bbc").site("bbc.co.uk").tags("un"));
        fixture.add(
                doc("b").title("syria talks").feeds("aljazeera", "bbc").site("aljazeera.com"),
                doc("c").title("syria talks").feeds("zdf").tags("syria", "un"));
        fixture.add(doc("d").title("syria talks").feeds("bbc").tags("syria"), doc("e").title("sport"));
        IndexSearcher searcher = fixture.index.searchers().acquire();
        try {
            assertThat(searcher.getIndexReader().leaves()).hasSizeGreaterThan(1);
        } finally {
            fixture.index.searchers().release(searcher);
        }
        SearchResults results =
                fixture.searcher.search(SearchRequest.of("syria", 10).withFacets(true));
        assertThat(results.total()).isEqualTo(4);
        assertThat(results.facets().get("feed"))
                .containsExactly(new FacetCount("bbc", 3), new FacetCount("aljazeera", 1), new FacetCount("zdf", 1));
        // equal counts in value order
        assertThat(results.facets().get("tag")).containsExactly(new FacetCount("syria", 2), new FacetCount("un", 2));
        assertThat(results.facets().get("site"))
                .containsExactly(
                        new FacetCount("example.com", 2), // the fixture's default site
                        new FacetCount("aljazeera.com", 1),
                        new FacetCount("bbc.co.uk", 1));
    }

    @Test
    void bucketsDatesByDayForTheLastThirtyDaysAndByMonthBefore() throws Exception {
        // NOW is 2024-12-10: the last 30 days start on 2024-11-11, so November is split
        fixture.add(
                doc("nov-05").title("talks").published(daysAgo(35)),
                doc("nov-09").title("talks").published(daysAgo(31)),
                doc("nov-10").title("talks").published(daysAgo(30)),
                doc("nov-20").title("talks").published(daysAgo(20)),
                doc("nov-20-again").title("talks").published(daysAgo(20)),
                doc("oct-01").title("talks").published(daysAgo(70)),
                doc("oct-31").title("talks").published(daysAgo(40)),
                doc("last-year").title("talks").published(daysAgo(400)));
        SearchResults results =
                fixture.searcher.search(SearchRequest.of("talks", 10).withFacets(true));
        assertThat(results.facets().get("published"))
                .containsExactly(
                        new FacetCount("2024-11-20", 2),
                        new FacetCount("2024-11", 3),
                        new FacetCount("2024-10", 2),
                        new FacetCount("2023-11", 1));
    }

    @Test
    void filtersDrillDownAndFacetCountsFollow() throws Exception {
        fixture.add(
                doc("a").title("syria talks").feeds("bbc").tags("syria").published(daysAgo(0)),
                doc("b").title("syria talks").feeds("bbc").tags("un").published(daysAgo(2)),
                doc("c").title("syria talks").feeds("aljazeera").tags("syria").published(daysAgo(45)));
        SearchRequest request = SearchRequest.of("syria", 10).withFacets(true);
        SearchResults bbc = fixture.searcher.search(request.withFilters(Map.of("feed", List.of("BBC"))));
        assertThat(keys(bbc)).containsExactlyInAnyOrder("a", "b");
        assertThat(bbc.facets().get("tag")).containsExactly(new FacetCount("syria", 1), new FacetCount("un", 1));

        SearchResults either = fixture.searcher.search(
                request.withFilters(Map.of("feed", List.of("bbc", "aljazeera"), "tag", List.of("syria"))));
        assertThat(keys(either)).containsExactlyInAnyOrder("a", "c");

        assertThat(keys(fixture.searcher.search(request.withFilters(Map.of("published", List.of("2024-12-08"))))))
                .containsExactly("b");
        assertThat(keys(fixture.searcher.search(request.withFilters(Map.of("published", List.of("2024-10"))))))
                .containsExactly("c");
    }

    @Test
    void refusesAnUnknownFilterOrABadDateFilter() {
        assertThat(catchThrowableOfType(
                        QueryException.class,
                        () -> fixture.searcher.search(
                                SearchRequest.of("x", 10).withFilters(Map.of("colour", List.of("red"))))))
                .hasMessage("unknown filter 'colour' (filters are feed, site, tag, lang, published)");
        assertThat(catchThrowableOfType(
                        QueryException.class,
                        () -> fixture.searcher.search(
                                SearchRequest.of("x", 10).withFilters(Map.of("published", List.of("last week"))))))
                .hasMessage("filter published=last week is not a day (2024-12-08) or a month (2024-12)");
    }

    @Test
    void collapsesCopiesOfAStoryIntoOneHitListingTheOtherSources() throws Exception {
        fixture.add(
                doc("a:reuters").title("Ceasefire agreed in Gaza").story("s1").url("https://reuters.com/x"),
                doc("a:yahoo").title("Ceasefire agreed").story("s1").url("https://yahoo.com/x"),
                doc("a:msn").title("Ceasefire").story("s1").url("https://msn.com/x"),
                doc("a:other").title("Ceasefire talks collapse").story("s2"));
        SearchResults results = fixture.search("ceasefire");
        assertThat(results.hits()).hasSize(2);
        SearchHit story = results.hits().stream()
                .filter(h -> !h.key().equals("a:other"))
                .findFirst()
                .orElseThrow();
        List<String> copies =
                new ArrayList<>(List.of("https://reuters.com/x", "https://yahoo.com/x", "https://msn.com/x"));
        copies.remove(story.url());
        assertThat(story.otherSources()).containsExactlyInAnyOrderElementsOf(copies);
        assertThat(results.total()).isEqualTo(4);
    }

    @Test
    void collapsesACopyIndexedLaterWithItsOriginalFromAnotherSegment() throws Exception {
        // two catch-ups: the original and its copy land in different index segments
        fixture.add(doc("a:original").title("Flood warning for the valley").url("https://first.example/x"));
        fixture.add(doc("a:copy").title("Flood warning").story("a:original").url("https://second.example/x"));
        SearchResults results = fixture.search("flood");
        assertThat(results.hits()).hasSize(1);
        assertThat(results.hits().get(0).otherSources()).hasSize(1);
        assertThat(results.total()).isEqualTo(2);
    }

    @Test
    void totalsAreTheSameWithAndWithoutFacets() throws Exception {
        fixture.add(
                doc("a").title("syria talks").feeds("bbc"),
                doc("b").title("syria talks").feeds("bbc"),
                doc("c").title("syria talks").feeds("aljazeera"),
                doc("d").title("unrelated").feeds("bbc"));
        SearchRequest request = SearchRequest.of("syria", 1).withFilters(Map.of("feed", List.of("bbc")));
        SearchResults plain = fixture.searcher.search(request);
        SearchResults faceted = fixture.searcher.search(request.withFacets(true));
        assertThat(plain.total()).isEqualTo(2);
        assertThat(faceted.total()).isEqualTo(2);
        assertThat(faceted.totalIsLowerBound()).isFalse();
        assertThat(faceted.facets().get("feed")).containsExactly(new FacetCount("bbc", 2));
    }

    @Test
    void theBestMatchingCopyRepresentsItsStory() throws Exception {
        fixture.add(
                doc("a:1").title("Weather").text("gaza mentioned").story("s1"),
                doc("a:2").title("Gaza ceasefire").text("gaza gaza").story("s1"));
        SearchResults results = fixture.search("gaza");
        assertThat(keys(results)).containsExactly("a:2");
        assertThat(results.hits().get(0).otherSources()).containsExactly("https://example.com/a:1");
    }

    @Test
    void cursorPagesThroughEveryStoryOnceWithoutRepeats() throws Exception {
        List<FakeChangeLog.Doc> docs = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            docs.add(doc("d" + i)
                    .title("report number " + i)
                    .story("s" + (i % 25))
                    .published(daysAgo(i)));
        }
        fixture.add(docs.toArray(FakeChangeLog.Doc[]::new));
        for (SearchRequest.Sort sort : SearchRequest.Sort.values()) {
            List<String> seen = new ArrayList<>();
            SearchRequest request = SearchRequest.of("report", 4).withSort(sort);
            for (int page = 0; page < 20; page++) {
                SearchResults results = fixture.searcher.search(request);
                seen.addAll(keys(results));
                if (results.nextCursor() == null) {
                    break;
                }
                request = request.withCursor(results.nextCursor());
            }
            assertThat(seen).as(sort.name()).doesNotHaveDuplicates().hasSize(25);
        }
    }

    @Test
    void theFreshestOfManyEqualMatchesLeadsWhenRankingSkipsDocuments() throws Exception {
        // more matches than the exact-count limit, so ranking skips non-competitive documents; all score
        // the same on their words: only the recency bonus tells them apart, and the freshest comes last
        List<FakeChangeLog.Doc> docs = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            docs.add(doc("d" + i)
                    .title("Ceasefire talks")
                    .text("Same words here.")
                    .published(daysAgo(12_000 - i)));
        }
        fixture.add(docs.toArray(FakeChangeLog.Doc[]::new));
        SearchResults results = fixture.searcher.search(SearchRequest.of("ceasefire", 3));
        assertThat(keys(results)).containsExactly("d11999", "d11998", "d11997");
    }

    @Test
    void laterPagesCountTheSameExactTotalAsTheFirst() throws Exception {
        List<FakeChangeLog.Doc> docs = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            docs.add(doc("d" + i).title("talks " + (i % 7 == 0 ? "ceasefire ceasefire" : "ceasefire")));
        }
        fixture.add(docs.toArray(FakeChangeLog.Doc[]::new));
        SearchResults first = fixture.searcher.search(SearchRequest.of("ceasefire talks", 10));
        SearchResults second =
                fixture.searcher.search(SearchRequest.of("ceasefire talks", 10).withCursor(first.nextCursor()));
        assertThat(List.of(first.total(), second.total())).containsExactly(1_500L, 1_500L);
        assertThat(second.totalIsLowerBound()).isFalse();
    }

    @Test
    void theLastPageHasNoCursor() throws Exception {
        fixture.add(doc("a").title("talks"), doc("b").title("talks"));
        SearchResults first = fixture.searcher.search(SearchRequest.of("talks", 1));
        assertThat(first.nextCursor()).isNotNull();
        SearchResults second =
                fixture.searcher.search(SearchRequest.of("talks", 1).withCursor(first.nextCursor()));
        assertThat(second.hits()).hasSize(1);
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void refusesACursorThatIsGarbledOrFromAnotherQuery() throws Exception {
        fixture.add(doc("a").title("talks"), doc("b").title("talks"));
        String cursor = fixture.searcher.search(SearchRequest.of("talks", 1)).nextCursor();
        assertThat(catchThrowableOfType(
                        QueryException.class,
                        () -> fixture.searcher.search(
                                SearchRequest.of("other", 1).withCursor(cursor))))
                .hasMessageContaining("the cursor belongs to another query");
        assertThat(catchThrowableOfType(
                        QueryException.class,
                        () -> fixture.searcher.search(
                                SearchRequest.of("talks", 1).withCursor("%%%"))))
                .hasMessage("the cursor is not valid: start again from the first page");
    }

    @Test
    void countsExactlyUpToTenThousandThenReportsALowerBound() throws Exception {
        List<FakeChangeLog.Doc> docs = new ArrayList<>();
        for (int i = 0; i < 10_050; i++) {
            docs.add(doc("d" + i)
                    .title("common daily " + (i < 20 ? "rare " : "") + (i < 1_500 ? "medium" : ""))
                    // "split" is in fewer than 10,000 texts and fewer than 10,000 entries, but in more
                    // than 10,000 documents: no single field's statistics show "10,000+"
                    .text(i < 5_100 ? "split" : "")
                    .entry(i >= 5_000 ? "split" : ""));
        }
        fixture.add(docs.toArray(FakeChangeLog.Doc[]::new));
        SearchResults rare = fixture.search("rare");
        assertThat(rare.total()).isEqualTo(20);
        assertThat(rare.totalIsLowerBound()).isFalse();
        SearchResults medium = fixture.search("medium");
        assertThat(medium.total()).isEqualTo(1_500);
        assertThat(medium.totalIsLowerBound()).isFalse();
        SearchResults overlapping = fixture.search("daily medium");
        assertThat(overlapping.total()).isEqualTo(1_500);
        assertThat(overlapping.totalIsLowerBound()).isFalse();
        SearchResults either = fixture.search("rare OR medium");
        assertThat(either.total()).isEqualTo(1_500);
        assertThat(either.totalIsLowerBound()).isFalse();
        for (String query : List.of("common", "common -rare", "common daily", "split", "split OR rare")) {
            SearchResults common = fixture.search(query);
            assertThat(common.total()).as(query).isEqualTo(10_000);
            assertThat(common.totalIsLowerBound()).as(query).isTrue();
        }
    }

    @Test
    void countsEachLiveDocumentOnceWhateverFieldsAndWordsItMatches() throws Exception {
        // one catch-up each: the documents, their updates and deletions are spread over segments
        fixture.add(
                doc("t1").title("harbour news"),
                doc("t2").title("harbour"),
                doc("x1").title("other"));
        fixture.add(
                doc("b1").title("news").text("the harbour"),
                doc("b2").title("harbour").text("harbour again").entry("harbour"));
        fixture.add(doc("e1").title("misc").entry("harbour view"), doc("t2").title("renamed"));
        fixture.log.delete("b1");
        fixture.index.catchUp();
        SearchResults word = fixture.search("harbour");
        assertThat(keys(word)).containsExactlyInAnyOrder("t1", "b2", "e1");
        assertThat(word.total()).isEqualTo(3);
        assertThat(word.totalIsLowerBound()).isFalse();
        assertThat(fixture.search("harbour OR other").total()).isEqualTo(4);
        assertThat(fixture.search("harbour OR renamed OR nothing").total()).isEqualTo(4);
        assertThat(fixture.search("title:harbour OR text:harbour").total()).isEqualTo(2);
    }

    @Test
    void refusesAPrefixThatExpandsTooFar() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1_100; i++) {
            text.append("zz").append(i).append("x ");
        }
        fixture.add(doc("a").title("many words").text(text.toString()));
        assertThat(fixture.keys("zz105*")).containsExactly("a");
        QueryException error = catchThrowableOfType(QueryException.class, () -> fixture.search("many zz*"));
        assertThat(error)
                .hasMessage("'zz*' matches too many words (more than 1024): add letters before '*' at column 6");
        assertThat(error.position()).isEqualTo(5);
    }

    @Test
    void refusesALimitOutsideOneToAHundred() {
        assertThat(catchThrowableOfType(QueryException.class, () -> fixture.searcher.search(SearchRequest.of("x", 0))))
                .hasMessage("limit must be between 1 and 100");
        assertThat(catchThrowableOfType(
                        QueryException.class, () -> fixture.searcher.search(SearchRequest.of("x", 101))))
                .hasMessage("limit must be between 1 and 100");
    }

    @Test
    void findsSimilarArticlesFromOtherStories() throws Exception {
        fixture.add(
                doc("src")
                        .title("Sednaya prison detainees freed")
                        .text("Rebels freed detainees from Sednaya prison near Damascus; families searched the cells."),
                doc("copy")
                        .title("Sednaya prison detainees freed")
                        .text("Rebels freed detainees from Sednaya prison near Damascus.")
                        .story("src"),
                doc("close")
                        .title("Families search Sednaya cells")
                        .text("Detainees freed from the prison; families searched cells for relatives."),
                doc("far").title("Football results").text("The league table after the weekend matches."),
                doc("pad1").title("Damascus weather").text("Sunny in Damascus."),
                doc("pad2").title("Prison reform").text("Detainees and cells in Europe."));
        SearchResults similar = fixture.searcher.similar("src", 5);
        assertThat(keys(similar)).startsWith("close").doesNotContain("src", "copy", "far");
    }

    @Test
    void similarToAnUnknownKeyIsAnError() {
        assertThat(catchThrowableOfType(QueryException.class, () -> fixture.searcher.similar("nope", 5)))
                .hasMessage("no article with key 'nope'");
        assertThat(fixture.searcher.contains("nope")).isFalse();
    }

    @Test
    void hitsCarryTheStoredMetadata() throws Exception {
        fixture.add(doc("a:1")
                .title("Talks")
                .feeds("bbc-world", "guardian")
                .site("bbc.co.uk")
                .url("https://www.bbc.co.uk/news/1")
                .published(Instant.parse("2024-12-08T10:00:00Z")));
        SearchHit hit = fixture.search("talks").hits().get(0);
        assertThat(hit.key()).isEqualTo("a:1");
        assertThat(hit.title()).isEqualTo("Talks");
        assertThat(hit.url()).isEqualTo("https://www.bbc.co.uk/news/1");
        assertThat(hit.site()).isEqualTo("bbc.co.uk");
        assertThat(hit.feeds()).containsExactlyInAnyOrder("bbc-world", "guardian");
        assertThat(hit.published()).isEqualTo(Instant.parse("2024-12-08T10:00:00Z"));
        assertThat(hit.score()).isPositive();
    }

    private static List<String> keys(SearchResults results) {
        return results.hits().stream().map(SearchHit::key).toList();
    }
}
