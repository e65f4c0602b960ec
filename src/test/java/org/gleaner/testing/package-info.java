/**
 * Test utilities shared by every package's tests. {@link org.gleaner.testing.FixtureServer} is a real HTTP/1.1
 * server on a loopback address with scripted behaviour (validators and 304, redirects, gzip, delays, slow drips,
 * hangs, oversized headers) that records every request and counts TCP connections. Nothing here reaches beyond
 * 127.0.0.0/8 or [::1].
 */
@NullMarked
package org.gleaner.testing;

import org.jspecify.annotations.NullMarked;
