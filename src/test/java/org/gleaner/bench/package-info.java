/**
 * Benchmarks run by hand, never by the test suite (their class names end in neither Test nor IT). Each has a
 * {@code main} and documents how to run it.
 */
@NullMarked
package org.gleaner.bench;

import org.jspecify.annotations.NullMarked;
