/**
 * The {@code gleaner} command line (picocli): parses arguments, calls {@code app}, prints results.
 */
@NullMarked
package org.gleaner.cli;

import org.jspecify.annotations.NullMarked;
