package org.gleaner.alert;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gleaner.fetch.FetchLimits;
import org.gleaner.fetch.FetchOutcome;
import org.gleaner.fetch.HttpFetcher;
import org.gleaner.store.Delivery;
import org.gleaner.store.WatchChannel;

/**
 * POSTs alerts to webhooks through the guarded {@link HttpFetcher} (address policy, deadlines, no
 * redirects), signed the Standard Webhooks way with the channel's secret.
 */
public final class WebhookSender implements Sender {
    private static final FetchLimits LIMITS = FetchLimits.feedDefaults()
            .withResponseTimeout(MonitorTuning.WEBHOOK_RESPONSE_TIMEOUT)
            .withTotalDeadline(MonitorTuning.WEBHOOK_DEADLINE)
            .withMaxBytes(MonitorTuning.WEBHOOK_MAX_RESPONSE_BYTES)
            .withMaxRedirects(0);

    private final HttpFetcher fetcher;
    private final InstantSource clock;
    private final URI publicBase;
    private final FetchLimits limits;

    public WebhookSender(HttpFetcher fetcher, InstantSource clock, URI publicBase) {
        this(fetcher, clock, publicBase, LIMITS);
    }

    /** With other limits (tests shorten the response timeout). */
    WebhookSender(HttpFetcher fetcher, InstantSource clock, URI publicBase, FetchLimits limits) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.publicBase = publicBase;
        this.limits = limits;
    }

    @Override
    public Outcome send(Delivery.Batch batch) {
        WatchChannel channel = batch.channel();
        String body =
                channel.kind() == WatchChannel.Kind.SLACK ? Messages.slack(batch) : Messages.json(batch, publicBase);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String id = Messages.id(batch);
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WebhookSignature.ID_HEADER, id);
        headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        if (channel.secret() != null) {
            headers.put(
                    WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(channel.secret(), id, timestamp, bytes));
        }
        URI target;
        try {
            target = URI.create(channel.target());
        } catch (IllegalArgumentException e) {
            return new Outcome.Retry(null, null, "not a URL: " + channel.target());
        }
        FetchOutcome outcome = fetcher.post(target, bytes, "application/json", headers, limits);
        if (outcome instanceof FetchOutcome.Fetched fetched) {
            return new Outcome.Sent(fetched.status());
        }
        if (outcome instanceof FetchOutcome.RateLimited limited) {
            return new Outcome.Retry(
                    limited.status(), limited.retryAt(), "HTTP " + limited.status() + ": rate limited");
        }
        if (outcome instanceof FetchOutcome.Failed failed) {
            Integer status = failed.status();
            if (status != null && status == 410) {
                return new Outcome.Gone(410, failed.message());
            }
            return new Outcome.Retry(status, null, failed.message());
        }
        return new Outcome.Retry(null, null, "unexpected answer: " + outcome);
    }
}
