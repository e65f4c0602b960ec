package org.gleaner.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.index.FakeChangeLog.doc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each operator of the query language against a small index. */
class QueryOperatorsTest {
    @TempDir
    Path dir;

    private SearchFixture fixture;

    @BeforeEach
    void open() throws IOException {
        fixture = new SearchFixture(dir);
        Instant now = SearchFixture.NOW;
        fixture.add(
                doc("a:prison")
                        .title("Sednaya prison opened")
                        .text("Rebels opened the gates of the prison near Damascus. Families searched for relatives.")
                        .entry("A harrowing report; my thoughts below.")
                        .authors("Martin Chulov")
                        .feeds("guardian-world")
                        .site("theguardian.com")
                        .tags("syria", "middle-east")
                        .published(now.minus(Duration.ofDays(1))),
                doc("a:market")
                        .title("Aleppo market reopens")
                        .text("Traders in the old market of Aleppo returned after the fighting ended.")
                        .feeds("bbc-world")
                        .site("bbc.co.uk")
                        .tags("syria")
                        .published(now.minus(Duration.ofDays(20))),
                doc("a:election")
                        .title("Elections in Romania annulled")
                        .text("The constitutional court annulled the presidential elections.")
                        .authors("Jane Doe")
                        .feeds("bbc-world")
                        .site("bbc.co.uk")
                        .tags("europe")
                        .published(Instant.parse("2024-12-06T09:00:00Z")),
                doc("a:elected")
                        .title("Mayor elected")
                        .text("The mayor was elected by a narrow margin in the town.")
                        .feeds("local")
                        .site("local.example")
                        .published(Instant.parse("2024-11-02T09:00:00Z")),
                doc("a:near")
                        .title("Gates")
                        .text("The prison had heavy iron gates that nobody could open.")
                        .feeds("local")
                        .site("local.example")
                        .published(Instant.parse("2023-05-01T09:00:00Z")));
    }

    @AfterEach
    void close() throws IOException {
        fixture.close();
    }

    @Test
    void wordsAreAllRequired() throws Exception {
        assertThat(fixture.keys("prison damascus")).containsExactly("a:prison");
        assertThat(fixture.keys("prison AND damascus")).containsExactly("a:prison");
    }

    @Test
    void wordsMatchTheirStemmedForms() throws Exception {
        assertThat(fixture.keys("election")).containsExactlyInAnyOrder("a:election", "a:elected");
        assertThat(fixture.keys("reopening")).containsExactly("a:market");
    }

    @Test
    void exactPhraseRequiresTheWordsInOrder() throws Exception {
        assertThat(fixture.keys("\"opened the gates\"")).containsExactly("a:prison");
        assertThat(fixture.keys("\"gates opened\"")).isEmpty();
    }

    @Test
    void nearPhraseAllowsWordsInBetween() throws Exception {
        assertThat(fixture.keys("\"prison gates\"")).isEmpty();
        assertThat(fixture.keys("\"prison gates\"~3")).containsExactly("a:near");
        assertThat(fixture.keys("\"prison gates\"~5")).containsExactlyInAnyOrder("a:near", "a:prison");
    }

    @Test
    void orMatchesEither() throws Exception {
        assertThat(fixture.keys("aleppo OR romania")).containsExactlyInAnyOrder("a:market", "a:election");
    }

    @Test
    void orBindsTighterThanTheImplicitAnd() throws Exception {
        assertThat(fixture.keys("syria damascus OR aleppo")).isEmpty();
        assertThat(fixture.keys("market damascus OR aleppo")).containsExactly("a:market");
    }

    @Test
    void minusAndNotExclude() throws Exception {
        assertThat(fixture.keys("prison -damascus")).containsExactly("a:near");
        assertThat(fixture.keys("prison NOT damascus")).containsExactly("a:near");
    }

    @Test
    void aQueryOfOnlyExclusionsMatchesEverythingElse() throws Exception {
        assertThat(fixture.keys("-prison -elections -elected")).containsExactly("a:market");
    }

    @Test
    void parenthesesGroup() throws Exception {
        assertThat(fixture.keys("(aleppo OR romania) -court")).containsExactly("a:market");
        assertThat(fixture.keys("-(prison OR market OR mayor)")).containsExactly("a:election");
    }

    @Test
    void prefixMatchesWordBeginnings() throws Exception {
        assertThat(fixture.keys("elect*")).containsExactlyInAnyOrder("a:election", "a:elected");
    }

    @Test
    void fuzzyToleratesTypos() throws Exception {
        assertThat(fixture.keys("damascos~")).containsExactly("a:prison");
        assertThat(fixture.keys("damascos")).isEmpty();
    }

    @Test
    void titleFieldSearchesOnlyTitles() throws Exception {
        assertThat(fixture.keys("prison")).contains("a:near");
        assertThat(fixture.keys("title:prison")).containsExactly("a:prison");
        assertThat(fixture.keys("title:(aleppo OR mayor)")).containsExactlyInAnyOrder("a:market", "a:elected");
        assertThat(fixture.keys("title:\"prison opened\"")).containsExactly("a:prison");
    }

    @Test
    void textAndEntryFieldsAreSearchableSeparately() throws Exception {
        assertThat(fixture.keys("text:relatives")).containsExactly("a:prison");
        assertThat(fixture.keys("entry:relatives")).isEmpty();
        assertThat(fixture.keys("entry:harrowing")).containsExactly("a:prison");
        assertThat(fixture.keys("text:harrowing")).isEmpty();
    }

    @Test
    void authorFeedSiteTagAndLanguageFields() throws Exception {
        assertThat(fixture.keys("author:chulov")).containsExactly("a:prison");
        assertThat(fixture.keys("author:\"jane doe\"")).containsExactly("a:election");
        assertThat(fixture.keys("feed:bbc-world")).containsExactlyInAnyOrder("a:market", "a:election");
        assertThat(fixture.keys("feed:BBC-World market")).containsExactly("a:market");
        assertThat(fixture.keys("site:theguardian.com")).containsExactly("a:prison");
        assertThat(fixture.keys("tag:syria -tag:middle-east")).containsExactly("a:market");
        assertThat(fixture.keys("lang:en-GB title:mayor")).containsExactly("a:elected");
        assertThat(fixture.keys("lang:fr")).isEmpty();
        assertThat(fixture.keys("feed:bbc*")).containsExactlyInAnyOrder("a:market", "a:election");
    }

    @Test
    void publishedTakesADayAMonthOrARange() throws Exception {
        assertThat(fixture.keys("published:2024-12-06")).containsExactly("a:election");
        assertThat(fixture.keys("published:2024-11")).containsExactlyInAnyOrder("a:elected", "a:market");
        assertThat(fixture.keys("published:[2024-12-01 TO 2024-12-08]")).containsExactly("a:election");
        assertThat(fixture.keys("published:[2024-12-01 TO 2024-12-06]")).containsExactly("a:election");
        assertThat(fixture.keys("published:{2024-12-01 TO 2024-12-06}")).isEmpty();
        assertThat(fixture.keys("published:[* TO 2023-12-31]")).containsExactly("a:near");
        assertThat(fixture.keys("published:2023")).containsExactly("a:near");
    }

    @Test
    void sinceBeforeAndAfterFilterByDate() throws Exception {
        assertThat(fixture.keys("since:7d")).containsExactlyInAnyOrder("a:prison", "a:election");
        assertThat(fixture.keys("since:2w")).containsExactlyInAnyOrder("a:prison", "a:election");
        assertThat(fixture.keys("since:1m")).containsExactlyInAnyOrder("a:prison", "a:election", "a:market");
        assertThat(fixture.keys("since:2024-12-06")).containsExactlyInAnyOrder("a:prison", "a:election");
        assertThat(fixture.keys("after:2024-12-06")).containsExactly("a:prison");
        assertThat(fixture.keys("before:2024-12-06")).containsExactlyInAnyOrder("a:elected", "a:market", "a:near");
        assertThat(fixture.keys("before:1y")).containsExactly("a:near");
        assertThat(fixture.keys("elect* since:7d")).containsExactly("a:election");
    }

    @Test
    void punctuationOnlyWordsAreIgnoredNextToRealOnes() throws Exception {
        assertThat(fixture.keys("aleppo …")).containsExactly("a:market");
    }

    @Test
    void aColonFollowedBySpaceIsPunctuationNotAField() throws Exception {
        assertThat(fixture.keys("Breaking: aleppo")).isEmpty();
        assertThat(fixture.keys("Traders: aleppo")).containsExactly("a:market");
    }
}
