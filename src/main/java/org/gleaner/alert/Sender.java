package org.gleaner.alert;

import java.time.Instant;
import org.gleaner.store.Delivery;
import org.jspecify.annotations.Nullable;

/** Sends one batch of the outbox on one kind of channel; every outcome is a value (DESIGN invariant 5). */
public interface Sender {
    Outcome send(Delivery.Batch batch);

    /** What became of one attempt. */
    sealed interface Outcome {
        /** The receiver took it. */
        record Sent(int status) implements Outcome {}

        /**
         * Try again later.
         *
         * @param notBefore the receiver's {@code Retry-After}, null when it gave none
         */
        record Retry(@Nullable Integer status, @Nullable Instant notBefore, String error) implements Outcome {}

        /** The endpoint is gone for good (410): stop using it. */
        record Gone(int status, String error) implements Outcome {}
    }
}
