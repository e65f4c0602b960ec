package org.gleaner.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SitesTest {

    @ParameterizedTest
    @CsvSource({
        "https://www.bbc.co.uk/news/world, bbc.co.uk",
        "https://feeds.bbci.co.uk/news/rss.xml, bbci.co.uk",
        "https://www.reuters.com/world/, reuters.com",
        "https://edition.cnn.com/, cnn.com",
        "https://www.smh.com.au/world, smh.com.au",
        "https://www3.nhk.or.jp/news/, nhk.or.jp",
        "https://example.com/, example.com",
        "https://WWW.Example.COM./, example.com",
        "http://127.0.0.1:8080/feed, 127.0.0.1",
        "http://localhost/feed, localhost"
    })
    void findsTheRegisteredDomain(String url, String domain) {
        assertThat(Sites.registeredDomain(URI.create(url))).isEqualTo(domain);
    }

    @Test
    void uriWithoutHostHasNoDomain() {
        assertThat(Sites.registeredDomain(URI.create("mailto:desk@example.com")))
                .isNull();
    }
}
