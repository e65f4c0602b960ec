package org.gleaner.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.index.FakeChangeLog.doc;

import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.gleaner.index.Analyzers;
import org.gleaner.index.ArticleFields;
import org.gleaner.model.SearchDocument;
import org.gleaner.search.QueryLanguage;
import org.gleaner.store.Watch;
import org.gleaner.testing.TestWatches;
import org.junit.jupiter.api.Test;

class QueryMonitorTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2024-12-10T12:00:00Z"));

    private static final List<String> QUERIES = List.of(
            "homs aleppo",
            "\"prison break\"",
            "elect* grid",
            "title:siege -rumour",
            "lang:fr gouvernement",
            "feed:wire-news (talks OR truce)",
            "damascen*",
            "damascus NOT prison",
            "homs OR aleppo");

    /** More shapes for the presearcher comparison: accents, non-Latin prefixes, filters only, dates. */
    private static final List<String> MORE_QUERIES = List.of(
            "électi*",
            "damas* OR homs",
            "\u062d\u0645\u0635 aleppo",
            "\u0434\u0430\u043c\u0430\u0441*",
            "author:reporter siege",
            "lang:en",
            "published:2024-12",
            "site:wire.example -homs",
            "tag:syria (grid OR prison) \"talks resumed\"~3",
            "gouvern* politique élection",
            "xy*");

    @Test
    void presearcherSelectsTheSameCandidatesAsLuceneMonitorsOwn() throws Exception {
        MultipassTermFilteredPresearcher stock = new MultipassTermFilteredPresearcher(
                MonitorTuning.PRESEARCHER_PASSES, 0, TermWeightor.DEFAULT, List.of(new PrefixQueryHandler()), Set.of());
        List<MonitorQuery> queries = new ArrayList<>();
        List<String> texts = new ArrayList<>(QUERIES);
        texts.addAll(MORE_QUERIES);
        for (int i = 0; i < texts.size(); i++) {
            queries.add(new MonitorQuery(Integer.toString(i), QueryLanguage.parse(texts.get(i), CLOCK)));
        }
        List<SearchDocument> documents = documents();
        try (Monitor reference = new Monitor(Analyzers.indexAnalyzer(), stock);
                Monitor gleaner = new Monitor(Analyzers.indexAnalyzer(), QueryMonitor.presearcher())) {
            reference.register(queries);
            gleaner.register(queries);
            int candidates = 0;
            for (SearchDocument document : documents) {
                Set<String> expected = candidates(reference, document);
                assertThat(candidates(gleaner, document)).as(document.key()).isEqualTo(expected);
                candidates += expected.size();
            }
            // The comparison means something only if some queries are candidates and some are not.
            assertThat(candidates).isBetween(documents.size(), documents.size() * (texts.size() - 1));
        }
    }

    /** Documents in several languages and fields, for the presearcher and matcher comparisons. */
    private static List<SearchDocument> documents() {
        return List.of(
                doc("a:1")
                        .title("Siege of Homs")
                        .text("Homs and Aleppo after the prison break")
                        .build(),
                doc("a:2")
                        .text("The electricity grid; élections in Damascus")
                        .language("fr")
                        .build(),
                doc("a:3")
                        .text("Le gouvernement parle de politique et d'élection")
                        .language("fr")
                        .tags("Syria")
                        .build(),
                doc("a:4")
                        .text("\u062d\u0645\u0635 \u0648\u062d\u0644\u0628")
                        .language("ar")
                        .build(),
                doc("a:5")
                        .text("\u0414\u0430\u043c\u0430\u0441\u043a \u0441\u0435\u0433\u043e\u0434\u043d\u044f")
                        .language("ru")
                        .build(),
                doc("a:6")
                        .text("Talks were resumed in the grid dispute")
                        .authors("A Reporter")
                        .site("wire.example")
                        .build(),
                doc("a:7")
                        .text("Nothing here at all")
                        .published(Instant.parse("2024-12-05T00:00:00Z"))
                        .build(),
                doc("a:8").text("xyz").feeds("wire-news").build(),
                doc("a:9")
                        .title("Prison")
                        .text("A rumour of a siege near Homs; talks")
                        .feeds("wire-news")
                        .build());
    }

    @Test
    void documentMatcherAgreesWithLuceneMonitorsSimpleMatcher() throws Exception {
        List<String> texts = new ArrayList<>(QUERIES);
        texts.addAll(MORE_QUERIES);
        texts.addAll(List.of(
                "(homs OR aleppo) -(prison rumour)",
                "homs -prison -rumour",
                "siege (talks OR grid) -\"prison break\"",
                "title:(prison OR siege) text:homs",
                "NOT homs aleppo",
                "(homs aleppo) OR (grid talks) OR xyz"));
        List<MonitorQuery> queries = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            queries.add(new MonitorQuery(Integer.toString(i), QueryLanguage.parse(texts.get(i), CLOCK)));
        }
        try (Monitor monitor = new Monitor(Analyzers.indexAnalyzer(), QueryMonitor.presearcher())) {
            monitor.register(queries);
            int matched = 0;
            for (SearchDocument document : documents()) {
                Set<String> expected =
                        matches(monitor.match(ArticleFields.document(document), QueryMatch.SIMPLE_MATCHER));
                Set<String> actual = matches(monitor.match(ArticleFields.document(document), DocumentMatcher.FACTORY));
                assertThat(actual).as(document.key()).isEqualTo(expected);
                matched += expected.size();
            }
            assertThat(matched).isGreaterThan(documents().size());
        }
    }

    private static Set<String> matches(MatchingQueries<QueryMatch> matches) {
        assertThat(matches.getErrors()).isEmpty();
        Set<String> ids = new TreeSet<>();
        matches.getMatches().forEach(match -> ids.add(match.getQueryId()));
        return ids;
    }

    /** The ids of the queries the presearcher selects for a document (each candidate, not only matches). */
    private static Set<String> candidates(Monitor monitor, SearchDocument document) throws IOException {
        Set<String> ids = new TreeSet<>();
        monitor.match(ArticleFields.document(document), searcher -> new CandidateMatcher<QueryMatch>(searcher) {
            @Override
            protected void matchQuery(String queryId, Query matchQuery, Map<String, String> metadata) {
                ids.add(queryId);
            }

            @Override
            public QueryMatch resolve(QueryMatch first, QueryMatch second) {
                return first;
            }
        });
        return ids;
    }

    @Test
    void fieldsSharingAQueryFormsKeyAnalyseEveryWordAlike() {
        List<String> words = List.of(
                "Élections",
                "running",
                "gouvernements",
                "\u0627\u0644\u062d\u0645\u0635",
                "e-mail",
                "\u6771\u4eac\u90fd",
                "Häuser");
        List<String> fields = List.of(
                ArticleFields.TITLE, ArticleFields.ARTICLE_TEXT, ArticleFields.ENTRY_TEXT, ArticleFields.AUTHOR);
        for (String word : words) {
            for (String a : fields) {
                for (String b : fields) {
                    if (Analyzers.queryFormsKey(a).equals(Analyzers.queryFormsKey(b))) {
                        assertThat(Analyzers.queryForms(a, word))
                                .as(word + " in " + a + " and " + b)
                                .isEqualTo(Analyzers.queryForms(b, word));
                    }
                }
            }
        }
        assertThat(Analyzers.queryForms(ArticleFields.AUTHOR, "running"))
                .isNotEqualTo(Analyzers.queryForms(ArticleFields.TITLE, "running"));
    }

    @Test
    void sharedQueryEqualsTheParsedOneAndSharesEqualParts() throws Exception {
        SharedQueries shared = new SharedQueries();
        Query first = QueryLanguage.parse("homs aleppo", CLOCK);
        Query second = QueryLanguage.parse("aleppo -rumour", CLOCK);
        Query sharedFirst = shared.share(first);
        Query sharedSecond = shared.share(second);
        assertThat(sharedFirst).isEqualTo(first).isNotSameAs(first);
        assertThat(sharedSecond).isEqualTo(second);
        Query aleppoInFirst = ((BooleanQuery) sharedFirst).clauses().get(1).getQuery();
        Query aleppoInSecond = ((BooleanQuery) sharedSecond).clauses().get(0).getQuery();
        assertThat(aleppoInFirst).isSameAs(aleppoInSecond);
        shared.forget();
        assertThat(shared.size()).isZero();
        assertThat(shared.share(second)).isEqualTo(second);
    }

    @Test
    void longPrefixIsNoCandidateForWordsSharingOnlyItsFirstLetters() {
        try (QueryMonitor monitor = QueryMonitor.open(null, CLOCK)) {
            monitor.register(List.of(watch(1, "damascen*")));
            SearchDocument damascus =
                    doc("a:1").text("Talks in Damascus resumed").build();
            assertThat(monitor.candidates(damascus)).isZero();
            assertThat(monitor.matchCount(doc("a:2").text("A damascene blade").build()))
                    .isEqualTo(1);
        }
    }

    @Test
    void matchingManyDocumentsConcurrentlyGivesWhatMatchingEachAloneGives() {
        // Enough watches to be parsed on the monitor's workers too.
        List<Watch> watches = new ArrayList<>();
        for (int i = 0; i < 10 * QUERIES.size(); i++) {
            watches.add(watch(i + 1, QUERIES.get(i % QUERIES.size())));
        }
        List<SearchDocument> documents = new ArrayList<>();
        String[] texts = {
            "Homs and Aleppo after the prison break",
            "The electricity grid in Homs",
            "Le gouvernement parle",
            "Talks in Damascus resumed",
            "A siege, and a rumour",
            "A damascene blade from Aleppo"
        };
        for (int i = 0; i < 60; i++) {
            String text = texts[i % texts.length];
            documents.add(doc("a:" + i)
                    .title(i % 4 == 0 ? "Siege" : "News")
                    .text(text)
                    .language(i % 3 == 0 ? "fr" : "en")
                    .feeds(i % 2 == 0 ? "wire-news" : "other")
                    .build());
        }
        try (QueryMonitor monitor = QueryMonitor.open(null, CLOCK)) {
            monitor.register(watches);
            List<List<Long>> alone = new ArrayList<>();
            for (SearchDocument document : documents) {
                alone.add(ids(monitor.match(document)));
            }
            List<List<QueryMonitor.Hit>> together = monitor.matchAll(documents);
            assertThat(together.stream().map(QueryMonitorTest::ids).toList()).isEqualTo(alone);
            assertThat(alone.stream().mapToInt(List::size).sum()).isGreaterThan(documents.size());
        }
    }

    private static List<Long> ids(List<QueryMonitor.Hit> hits) {
        return hits.stream().map(QueryMonitor.Hit::watchId).toList();
    }

    private static Watch watch(long id, String query) {
        return TestWatches.immediate(id, "w" + id, query);
    }
}
