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
import java.util.TreeMap;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.gleaner.index.Analyzers;
import org.gleaner.model.SearchDocument;
import org.gleaner.search.QueryLanguage;
import org.gleaner.store.Watch;
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

    @Test
    void presearcherIndexesTheSameTermsAsLuceneMonitorsOwn() throws Exception {
        MultipassTermFilteredPresearcher stock = new MultipassTermFilteredPresearcher(
                MonitorTuning.PRESEARCHER_PASSES, 0, TermWeightor.DEFAULT, List.of(new PrefixQueryHandler()), Set.of());
        WatchPresearcher compact = new WatchPresearcher(MonitorTuning.PRESEARCHER_PASSES, 0);
        for (String text : QUERIES) {
            Query query = QueryLanguage.parse(text, CLOCK);
            assertThat(terms(compact.indexQuery(query, Map.of())))
                    .as(text)
                    .isNotEmpty()
                    .isEqualTo(terms(stock.indexQuery(query, Map.of())));
        }
    }

    /** Each field's terms, in the order indexed, fields by name (several fields may share a name). */
    private static Map<String, List<String>> terms(Document document) throws IOException {
        Map<String, List<String>> byField = new TreeMap<>();
        for (IndexableField field : document.getFields()) {
            List<String> terms = byField.computeIfAbsent(field.name(), f -> new ArrayList<>());
            try (TokenStream stream = field.tokenStream(Analyzers.indexAnalyzer(), null)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    terms.add(term.toString());
                }
                stream.end();
            }
        }
        byField.values().forEach(list -> list.sort(null));
        return byField;
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
        return new Watch(
                id,
                "w" + id,
                query,
                Watch.Pace.IMMEDIATE,
                false,
                null,
                1,
                null,
                Instant.EPOCH,
                Instant.EPOCH,
                List.of());
    }
}
