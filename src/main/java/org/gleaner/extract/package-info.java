/**
 * Everything Gleaner reads out of HTML: the "Continue reading" link of an entry, the main text and
 * metadata of an article page, sanitized HTML for display, URL normalization. Pure (no network, no clock);
 * jsoup stays inside this package.
 */
@NullMarked
package org.gleaner.extract;

import org.jspecify.annotations.NullMarked;
