package org.gleaner.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gleaner.index.FakeChangeLog.doc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleSearcherTest {
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

    @Test
    void requiresEveryWordByDefault() throws Exception {
        fixture.add(
                doc("a:1").title("Homs prison opened").text("Crowds gathered at the prison gates."),
                doc("a:2").title("Homs market").text("The market reopened."),
                doc("a:3").title("Prison reform in France").text("A debate."));
        assertThat(fixture.keys("homs prison")).containsExactly("a:1");
    }

    @Test
    void marksMatchesInAnEscapedSnippetFromTheArticleText() throws Exception {
        fixture.add(doc("a:1")
                .title("<script>alert(1)</script> Homs")
                .text("Inmates in <b>Homs</b> prison were freed & counted.")
                .entry("The blogger's commentary on Homs."));
        SearchHit hit = fixture.search("prison").hits().get(0);
        assertThat(hit.snippetHtml())
                .isEqualTo("Inmates in &lt;b&gt;Homs&lt;&#x2F;b&gt; <mark>prison</mark> were freed &amp; counted.");
        assertThat(hit.titleHtml()).doesNotContain("<script>").startsWith("&lt;script&gt;");
    }

    @Test
    void takesTheSnippetFromTheEntryTextWhenOnlyItMatches() throws Exception {
        fixture.add(doc("a:1")
                .title("Report")
                .text("The article body says nothing relevant.")
                .entry("My commentary: the regime is collapsing."));
        SearchHit hit = fixture.search("collapsing").hits().get(0);
        assertThat(hit.snippetHtml()).contains("<mark>collapsing</mark>");
    }

    @Test
    void highlightsTheTitle() throws Exception {
        fixture.add(doc("a:1").title("Assad flees Damascus").text("Body."));
        assertThat(fixture.search("damascus").hits().get(0).titleHtml()).isEqualTo("Assad flees <mark>Damascus</mark>");
    }

    @Test
    void highlightsPrefixFuzzyAndPhraseMatches() throws Exception {
        fixture.add(doc("a:1")
                .title("Vote")
                .text("The mayor was elected in Damascus. Later the iron gates of the prison were opened."));
        assertThat(fixture.search("elect*").hits().get(0).snippetHtml()).contains("<mark>elected</mark>");
        assertThat(fixture.search("damascos~").hits().get(0).snippetHtml()).contains("<mark>Damascus</mark>");
        assertThat(fixture.search("\"iron gates\"").hits().get(0).snippetHtml()).contains("<mark>iron gates</mark>");
    }

    @Test
    void aFieldQueryHighlightsOnlyInThatField() throws Exception {
        fixture.add(doc("a:1").title("Homs").text("Homs is a city."));
        SearchHit hit = fixture.search("title:homs").hits().get(0);
        assertThat(hit.titleHtml()).isEqualTo("<mark>Homs</mark>");
        assertThat(hit.snippetHtml()).isEqualTo("Homs is a city.");
    }

    @Test
    void marksEachRequiredWordInTheFieldsThatHoldIt() throws Exception {
        fixture.add(doc("a:1")
                .title("Flood warning")
                .text("The river rose overnight.")
                .entry("Commentary on the river bridge."));
        SearchHit both = fixture.search("flood river -ferry").hits().get(0);
        assertThat(both.titleHtml()).isEqualTo("<mark>Flood</mark> warning");
        assertThat(both.snippetHtml()).isEqualTo("The <mark>river</mark> rose overnight.");
        SearchHit fielded =
                fixture.search("title:warning \"river rose\"").hits().get(0);
        assertThat(fielded.titleHtml()).isEqualTo("Flood <mark>warning</mark>");
        assertThat(fielded.snippetHtml()).isEqualTo("The <mark>river rose</mark> overnight.");
        // the entry text is marked when only it holds a word the article text lacks
        SearchHit entry = fixture.search("flood bridge").hits().get(0);
        assertThat(entry.snippetHtml()).isEqualTo("Commentary on the river <mark>bridge</mark>.");
    }

    @Test
    void aHitWithoutAMatchInItsTextsShowsTheirOpening() throws Exception {
        String sentence = "The river rose <fast> & the bridge closed at dawn. ";
        String longWords = "word ".repeat(100);
        fixture.add(
                doc("a:sentences").title("Flood one").text(sentence.repeat(10)),
                doc("a:words").title("Flood two").text(longWords),
                doc("a:entry").title("Flood three").text("").entry("Only the <b>entry</b> has text."));
        Map<String, String> snippets = fixture.search("flood").hits().stream()
                .collect(Collectors.toMap(SearchHit::key, SearchHit::snippetHtml));
        // whole sentences up to the length of two passages (2 × 160 characters)
        assertThat(snippets.get("a:sentences"))
                .isEqualTo("The river rose &lt;fast&gt; &amp; the bridge closed at dawn. "
                        .repeat(6)
                        .strip());
        // a first sentence longer than that: cut between words
        assertThat(snippets.get("a:words")).isEqualTo("word ".repeat(64).strip() + "…");
        assertThat(snippets.get("a:entry")).isEqualTo("Only the &lt;b&gt;entry&lt;/b&gt; has text.");
    }

    @Test
    void reportsAMalformedQueryWithItsColumn() {
        assertThatThrownBy(() -> fixture.search("homs prison)"))
                .isInstanceOf(QueryException.class)
                .hasMessage("unexpected ')' at column 12");
    }
}
