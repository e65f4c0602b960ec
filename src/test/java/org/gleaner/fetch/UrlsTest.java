package org.gleaner.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            http://2130706433/                 | http://127.0.0.1/
            http://0x7f000001/                 | http://127.0.0.1/
            http://0x7f.1/                     | http://127.0.0.1/
            http://0x7F.0.0.1/x                | http://127.0.0.1/x
            http://017700000001/               | http://127.0.0.1/
            http://0177.0.0.1/                 | http://127.0.0.1/
            http://0177.1/                     | http://127.0.0.1/
            http://127.1/                      | http://127.0.0.1/
            http://127.0.1/                    | http://127.0.0.1/
            http://127.0.0.2./                 | http://127.0.0.2/
            http://%31%32%37.0.0.1/            | http://127.0.0.1/
            http://0/                          | http://0.0.0.0/
            http://169.254.43518/              | http://169.254.169.254/
            http://[::ffff:127.0.0.2]/         | http://127.0.0.2/
            http://[::ffff:7f00:2]:8080/feed   | http://127.0.0.2:8080/feed
            http://[::1]:8080/                 | http://[::1]:8080/
            HTTP://Example.ORG:80/Feed?a=1#top | http://example.org/Feed?a=1
            https://example.org:443            | https://example.org/
            https://example.org:8443/a%20b     | https://example.org:8443/a%20b
            http://bücher.example/rss          | http://xn--bcher-kva.example/rss
            http://example.org./feed           | http://example.org/feed
            http://[2001:DB8:0:0:1:0:0:1]/     | http://[2001:db8::1:0:0:1]/
            http://[fe80:0:0:0:0:0:0:1]/       | http://[fe80::1]/
            http://[0:0:0:0:0:0:0:0]/          | http://[::]/
            http://[1:0:0:2:0:0:0:3]/          | http://[1:0:0:2::3]/
            """)
    void normalisesHostsTheWayBrowsersReadThem(String in, String expected) throws Exception {
        assertThat(Urls.normalize(new URI(in))).isEqualTo(new URI(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.org/",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "//example.org/feed",
                "http:///feed",
                "http://user:pw@example.org/",
                "http://256.0.0.1/",
                "http://1.2.3.4.5/",
                "http://0x100000000/",
                "http://4294967296/",
                "http://1.2.3.08/",
                "http://127.0.0.1:99999/",
                "http://[fe80::1%25eth0]/",
                "http://ex%00ample.org/",
                "http://-bad-.example/"
            })
    void refusesUrlsThatCannotBeFetchedSafely(String in) {
        assertThatThrownBy(() -> Urls.normalize(new URI(in))).isInstanceOf(Urls.BadUrlException.class);
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            http://a.example/x/y   | ../z            | http://a.example/z
            http://a.example/x     | //b.example/f   | http://b.example/f
            https://a.example/x    | https://b.example/ | https://b.example/
            http://a.example/x     | /new feed.xml   | http://a.example/new%20feed.xml
            http://a.example/x     | http://2130706434/ | http://127.0.0.2/
            """)
    void resolvesRedirectLocations(String base, String location, String expected) throws Exception {
        assertThat(Redirects.next(new URI(base), location)).isEqualTo(new URI(expected));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            https://a.example/x | http://a.example/x         | INSECURE_REDIRECT
            http://a.example/x  | http://exa mple.org/       | BAD_URL
            http://a.example/x  | ftp://a.example/x          | INSECURE_REDIRECT
            http://a.example/x  | gopher://a.example/        | INSECURE_REDIRECT
            http://a.example/x  | http://256.1.1.1/          | BAD_URL
            """)
    void refusesDowngradesAndOtherSchemesOnRedirect(String base, String location, Failure failure) {
        assertThatThrownBy(() -> Redirects.next(new URI(base), location))
                .isInstanceOfSatisfying(Redirects.RefusedException.class, e -> assertThat(e.failure)
                        .isEqualTo(failure));
    }
}
