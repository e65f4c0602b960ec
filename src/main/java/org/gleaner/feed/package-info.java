/**
 * Parses feed bytes (RSS, Atom via Rome; JSON Feed via Jackson) into {@code ParsedFeed} records at once.
 * Pure: bytes, content type and base URI in, records out; Rome never fetches and never leaves this package.
 */
@NullMarked
package org.gleaner.feed;

import org.jspecify.annotations.NullMarked;
