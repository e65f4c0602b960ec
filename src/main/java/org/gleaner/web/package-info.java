/**
 * The HTTP server for people and scripts: the JSON API (documented in {@code /api/openapi.json}), the
 * web app (plain ES modules and CSS under {@code resources/web}, no build step), Server-Sent Events for
 * live results, and access control (local-only binds need no sign-in; any other bind requires the admin
 * password or an API token; CSRF token on every state change; rate limits on sign-in and feed-add).
 *
 * <p>In: a {@link org.gleaner.web.WebBackend} over the running application and {@link
 * org.gleaner.web.WebSettings}. Out: HTTP responses only. Feed and article content leaves as JSON
 * strings (HTML fields are the sanitized HTML stored at ingest); the pages insert it as text or through
 * an allowlist filter, never as raw markup. Javalin stays inside this package.
 */
@NullMarked
package org.gleaner.web;

import org.jspecify.annotations.NullMarked;
