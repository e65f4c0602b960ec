/**
 * Builds every object from the settings, starts them in order and stops them in reverse; the only place
 * that wires real implementations and the system clock.
 */
@NullMarked
package org.gleaner.app;

import org.jspecify.annotations.NullMarked;
