package org.gleaner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code gleaner run} bound to 127.0.0.2. That is still a loopback address (tests never leave the
 * machine), but it is not one of the local-only names 127.0.0.1, ::1 and localhost, so the server
 * treats it like any other address and requires sign-in: the same code path as a LAN address.
 */
class SignInIT {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String TOKEN = "script-token-0123456789";

    @TempDir
    Path dir;

    private WebFixture web;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        // Few iterations keep the test fast; the format and the check are the production ones.
        String hash =
                PasswordHash.create(PASSWORD.toCharArray(), "fixed-salt-16byt".getBytes(StandardCharsets.UTF_8), 1000);
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("api-token-sha256"), PasswordHash.tokenDigest(TOKEN));
        web = WebFixture.start(dir, "127.0.0.2", hash);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        web.close();
    }

    @Test
    void apiNeedsASessionOrAToken() {
        assertThat(web.get("/api/search?q=homs").statusCode()).isEqualTo(401);
        assertThat(web.get("/api/feeds").statusCode()).isEqualTo(401);
        assertThat(web.json(web.get("/api/session")).path("signInRequired").asBoolean())
                .isTrue();
        assertThat(web.json(web.get("/api/session")).path("csrfToken").isNull()).isTrue();

        assertThat(web.post("/api/session", "{\"password\":\"wrong\"}").statusCode())
                .isEqualTo(401);
        HttpResponse<String> signIn = web.post("/api/session", "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(signIn.statusCode()).isEqualTo(200);
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .contains("HttpOnly")
                .contains("SameSite=Strict")
                .startsWith(AccessControl.SESSION_COOKIE + "=");
        String session = cookie.substring(0, cookie.indexOf(';'));

        assertThat(web.get("/api/search?q=homs", "Cookie", session).statusCode())
                .isEqualTo(200);
        // A signed-in session still needs its CSRF token to change anything.
        assertThat(web.post("/api/feeds/war-in-context/pause", "{}", "Cookie", session)
                        .statusCode())
                .isEqualTo(403);
        String csrf = web.csrfToken("Cookie", session);
        assertThat(web.post("/api/feeds/war-in-context/pause", "{}", "Cookie", session, AccessControl.CSRF_HEADER, csrf)
                        .statusCode())
                .isEqualTo(200);
        // Scripts use the API token, which needs no cookie and no CSRF token.
        assertThat(web.get("/api/search?q=homs", "Authorization", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(web.post("/api/feeds/war-in-context/resume", "{}", "Authorization", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(web.get("/api/search?q=homs", "Authorization", "Bearer wrong")
                        .statusCode())
                .isEqualTo(401);
        // Signing out ends the session on the server.
        assertThat(web.post("/api/session/end", "{}", "Cookie", session, AccessControl.CSRF_HEADER, csrf)
                        .statusCode())
                .isEqualTo(200);
        assertThat(web.get("/api/search?q=homs", "Cookie", session).statusCode())
                .isEqualTo(401);
    }

    @Test
    void signInAttemptsAreRateLimited() {
        for (int i = 0; i < AccessControl.SIGN_IN_ATTEMPTS; i++) {
            assertThat(web.post("/api/session", "{\"password\":\"guess" + i + "\"}")
                            .statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> limited = web.post("/api/session", "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void browserIsSentToSignInAndThenToTheSearchItAskedFor() {
        assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
        browser = Browser.start();
        try {
            browser.driver.get(web.base + "/search?q=homs");
            WebElement password = browser.waitFor(d -> d.findElement(By.id("password")));
            assertThat(browser.driver.getCurrentUrl()).contains("/signin?next=");
            password.sendKeys("wrong");
            password.submit();
            browser.waitFor(d -> d.findElement(By.id("signin-error")).getText().contains("wrong password"));
            password.clear();
            password.sendKeys(PASSWORD);
            password.submit();
            browser.waitFor(d -> d.findElement(By.tagName("body")).getAttribute("data-search-ready") != null);
            assertThat(browser.driver.getCurrentUrl()).endsWith("/search?q=homs");
            assertThat(browser.driver.findElements(By.cssSelector("#results .hit")))
                    .isNotEmpty();
            assertThat(browser.driver.findElement(By.id("sign-out")).isDisplayed())
                    .isTrue();
        } catch (AssertionError | RuntimeException e) {
            browser.screenshot(Path.of("target", "screenshots", "SignInIT-browser.png"));
            throw e;
        }
    }
}
