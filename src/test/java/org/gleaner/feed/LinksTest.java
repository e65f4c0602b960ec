package org.gleaner.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinksTest {
    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            https://a.example/b/c?q=1#f | d                          | https://a.example/b/d
            https://a.example/b/c?q=1#f | /d                         | https://a.example/d
            https://a.example/b/c?q=1#f | ../d                       | https://a.example/d
            https://a.example/b/c?q=1#f | ../../../d                 | https://a.example/d
            https://a.example/b/c?q=1#f | ?x=2                       | https://a.example/b/c?x=2
            https://a.example/b/c?q=1#f | #top                       | https://a.example/b/c?q=1#top
            https://a.example/b/c?q=1#f | ''                         | https://a.example/b/c?q=1
            https://a.example/b/c       | //cdn.example/x.js         | https://cdn.example/x.js
            https://a.example           | d                          | https://a.example/d
            https://a.example/b/        | with space.html            | https://a.example/b/with%20space.html
            https://a.example/b/        | caf\u00e9.html             | https://a.example/b/caf%C3%A9.html
            https://a.example/b/        | 100%.html                  | https://a.example/b/100%25.html
            https://a.example/b/        | 100%20.html                | https://a.example/b/100%20.html
            https://a.example/b/        | '  https://x.example/ok  ' | https://x.example/ok
            https://a.example/b/        | HTTP://X.example/Up        | http://X.example/Up
            https://a.example/b/        | feed://f.example/rss       | http://f.example/rss
            https://a.example/b/        | mailto:me@example.com      | mailto:me@example.com
            NULL                        | relative/only              | NULL
            NULL                        | https://abs.example/       | https://abs.example/
            https://a.example/b/        | NULL                       | NULL
            """)
    void resolvesLinksAsRfc3986Says(String base, String raw, String expected) {
        URI b = base == null ? null : URI.create(base);
        String r = raw == null ? null : raw.translateEscapes();

        assertThat(Links.resolve(b, r)).isEqualTo(expected);
    }
}
