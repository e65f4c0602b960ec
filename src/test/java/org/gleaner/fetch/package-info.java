/** Tests of the guarded HTTP component against real loopback servers. */
@NullMarked
package org.gleaner.fetch;

import org.jspecify.annotations.NullMarked;
