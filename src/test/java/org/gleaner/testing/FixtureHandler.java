package org.gleaner.testing;

/** Chooses the response for a request, for routes whose answer depends on the request or on earlier ones. */
@FunctionalInterface
public interface FixtureHandler {
    FixtureResponse respond(RecordedRequest request);
}
