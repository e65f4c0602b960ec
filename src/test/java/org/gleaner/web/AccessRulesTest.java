package org.gleaner.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AccessRulesTest {
    @Test
    void passwordHashMatchesOnlyItsPassword() {
        String hash =
                PasswordHash.create("s3cret".toCharArray(), "0123456789abcdef".getBytes(StandardCharsets.UTF_8), 1000);
        assertThat(hash).startsWith("pbkdf2-sha256:1000:");
        assertThat(PasswordHash.matches("s3cret".toCharArray(), hash)).isTrue();
        assertThat(PasswordHash.matches("s3cret ".toCharArray(), hash)).isFalse();
        assertThat(PasswordHash.matches("s3cret".toCharArray(), "plain-text-password"))
                .isFalse();
        assertThat(PasswordHash.matches("s3cret".toCharArray(), "pbkdf2-sha256:x:y:z"))
                .isFalse();
    }

    @Test
    void newHashesUseTheFullIterationCountAndARandomSalt() {
        SecureRandom random = new SecureRandom();
        String first = PasswordHash.create("pw".toCharArray(), random);
        assertThat(first).startsWith("pbkdf2-sha256:" + PasswordHash.ITERATIONS + ":");
        assertThat(PasswordHash.create("pw".toCharArray(), random)).isNotEqualTo(first);
    }

    @Test
    void signInIsRequiredOnEveryAddressButTheLocalOnlyNames() {
        for (String local : new String[] {"127.0.0.1", "::1", "[::1]", "localhost", "LOCALHOST"}) {
            assertThat(WebSettings.forBind(local, 8080, null, null).signInRequired())
                    .as(local)
                    .isFalse();
        }
        for (String other : new String[] {"0.0.0.0", "::", "127.0.0.2", "192.168.1.5", "gleaner.example"}) {
            assertThat(WebSettings.forBind(other, 8080, null, null).signInRequired())
                    .as(other)
                    .isTrue();
        }
    }

    @Test
    void hostNameIgnoresThePortAndKeepsIpv6Brackets() {
        assertThat(AccessControl.hostName("127.0.0.1:8080")).isEqualTo("127.0.0.1");
        assertThat(AccessControl.hostName("[::1]:8080")).isEqualTo("[::1]");
        assertThat(AccessControl.hostName("LocalHost")).isEqualTo("localhost");
        assertThat(AccessControl.hostName("evil.example:80")).isEqualTo("evil.example");
    }

    @Test
    void rateLimiterAllowsTheLimitPerWindowAndThenSaysHowLongToWait() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-12-08T10:00:00Z"));
        InstantSource clock = now::get;
        RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(5), clock);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(Duration.ofMinutes(5));
        assertThat(limiter.acquire("b")).as("another client").isZero();
        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertThat(limiter.acquire("a")).as("a new window").isZero();
    }

    @Test
    void documentIdsRoundTripKeysWithSlashesAndColons() {
        String key = "a:https://example.com/world/2024/12/07/story?id=1";
        String id = WebServer.documentId(key);
        assertThat(id).matches("[A-Za-z0-9_-]+");
        assertThat(WebServer.documentKey(id)).isEqualTo(key);
    }
}
