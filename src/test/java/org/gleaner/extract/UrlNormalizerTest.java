package org.gleaner.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlNormalizerTest {

    @ParameterizedTest
    @CsvSource({
        "HTTPS://News.Example.COM:443/World/Story?utm_source=rss&utm_medium=feed#comments, https://news.example.com/World/Story",
        "http://example.com:80, http://example.com/",
        "http://example.com:8080/a, http://example.com:8080/a",
        "https://example.com/a?id=7&fbclid=abc&gclid=x&mc_cid=1&mc_eid=2, https://example.com/a?id=7",
        "https://example.com/a?b=2&a=1, https://example.com/a?b=2&a=1",
        "https://example.com/a?, https://example.com/a",
        "https://example.com/a?UTM_Campaign=x&p=3, https://example.com/a?p=3",
        "https://example.com./a, https://example.com/a"
    })
    void normalizes(String in, String expected) {
        assertThat(UrlNormalizer.normalize(URI.create(in))).isEqualTo(expected);
    }

    @Test
    void sameStoryFromTwoFeedsHasOneKey() {
        String a = UrlNormalizer.normalize(URI.create("https://www.example.com/story-1?utm_source=blog-a"));
        String b = UrlNormalizer.normalize(URI.create("https://WWW.example.com/story-1?utm_source=blog-b#top"));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void articleKeyPrefersTheDeclaredCanonicalOfAnAmpPage() {
        assertThat(UrlNormalizer.articleKey(
                        URI.create("https://www.example.com/amp/story-1?utm_source=x"),
                        "https://www.example.com/story-1"))
                .isEqualTo("https://www.example.com/story-1");
    }

    @Test
    void articleKeyIgnoresACanonicalOnAnotherSiteOrTheHomePage() {
        URI fetched = URI.create("https://www.example.com/story-1");
        assertThat(UrlNormalizer.articleKey(fetched, "https://evil.example.net/story-1"))
                .isEqualTo("https://www.example.com/story-1");
        assertThat(UrlNormalizer.articleKey(fetched, "https://www.example.com/"))
                .isEqualTo("https://www.example.com/story-1");
        assertThat(UrlNormalizer.articleKey(fetched, null)).isEqualTo("https://www.example.com/story-1");
    }
}
