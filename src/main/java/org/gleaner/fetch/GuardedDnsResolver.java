package org.gleaner.fetch;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.jspecify.annotations.Nullable;

/**
 * The only name resolution HttpClient uses: it resolves, drops every address the request's {@link AddressPolicy}
 * refuses, and hands HttpClient only the permitted ones, so the socket connects to exactly the address that was
 * checked (no time-of-check/time-of-use gap, no DNS rebinding between check and connect).
 *
 * <p>The classic HttpClient connects on the calling thread, so the policy of the request in progress travels in a
 * thread-local {@link Scope} set by {@link HttpFetcher} around each exchange.
 */
final class GuardedDnsResolver implements DnsResolver {

    /** What the exchange on this thread allows, and what it connected to. */
    static final class Scope {
        final AddressPolicy policy;
        final Duration connectTimeout;

        Scope(AddressPolicy policy, Duration connectTimeout) {
            this.policy = policy;
            this.connectTimeout = connectTimeout;
        }
    }

    /** Every address of the host was refused; carries the first for the message. */
    static final class BlockedAddressException extends UnknownHostException {
        private static final long serialVersionUID = 1L;
        final String address;
        final String kind;

        BlockedAddressException(String host, String address, String kind) {
            super(host + " -> " + kind + " address " + address);
            this.address = address;
            this.kind = kind;
        }
    }

    // Static because the scope belongs to the thread; exchanges never nest on one thread.
    private static final ThreadLocal<@Nullable Scope> scope = new ThreadLocal<>();
    /** The lookup did not finish within the connect timeout. */
    static final class LookupTimeoutException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        LookupTimeoutException(String host) {
            super("lookup of " + host + " timed out");
        }
    }

    /** Lookups run here so a hanging system resolver is bounded by the connect timeout, not by its own retries. */
    private static final int MAX_LOOKUP_THREADS = 32;

    private final AddressPolicy fallback;
    private final ThreadPoolExecutor lookups;

    GuardedDnsResolver(AddressPolicy fallback) {
        this.fallback = fallback;
        AtomicInteger n = new AtomicInteger();
        this.lookups =
                new ThreadPoolExecutor(0, MAX_LOOKUP_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "gleaner-dns-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    void shutdown() {
        lookups.shutdownNow();
    }

    void enter(Scope s) {
        scope.set(s);
    }

    void exit() {
        scope.remove();
    }

    @Nullable
    Scope current() {
        return scope.get();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        Scope s = scope.get();
        InetAddress[] all = lookup(host, s == null ? FetchLimits.feedDefaults().connectTimeout() : s.connectTimeout);
        AddressPolicy policy = s == null ? fallback : s.policy;
        List<InetAddress> permitted = new ArrayList<>(all.length);
        for (InetAddress address : all) {
            if (policy.permits(address)) {
                permitted.add(address);
            }
        }
        if (permitted.isEmpty()) {
            InetAddress first = all[0];
            String kind = policy.refusal(first);
            throw new BlockedAddressException(host, Urls.format(first), kind == null ? "refused" : kind);
        }
        return permitted.toArray(new InetAddress[0]);
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        InetAddress[] addresses = resolve(host);
        List<InetSocketAddress> out = new ArrayList<>(addresses.length);
        for (InetAddress address : addresses) {
            out.add(new InetSocketAddress(address, port));
        }
        return out;
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host; // never a reverse lookup: the name the user gave is the name we use
    }

    /**
     * IP literals are parsed locally (the host was normalised by {@link Urls}); names go to the system resolver on a
     * lookup thread, waited for at most {@code timeout}.
     */
    private InetAddress[] lookup(String host, Duration timeout) throws UnknownHostException {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.indexOf(':') >= 0) {
            return new InetAddress[] {InetAddress.getByName("[" + h + "]")};
        }
        if (Urls.isIpLiteral(h)) {
            return InetAddress.getAllByName(h);
        }
        Future<InetAddress[]> future;
        try {
            future = lookups.submit(() -> InetAddress.getAllByName(h));
        } catch (RejectedExecutionException e) {
            return nonEmpty(host, InetAddress.getAllByName(h)); // every lookup thread busy: resolve here
        }
        try {
            return nonEmpty(host, future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new LookupTimeoutException(host);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new LookupTimeoutException(host);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException u) {
                throw u;
            }
            UnknownHostException u = new UnknownHostException(host);
            u.initCause(e.getCause());
            throw u;
        }
    }

    private static InetAddress[] nonEmpty(String host, InetAddress[] all) throws UnknownHostException {
        if (all.length == 0) {
            throw new UnknownHostException(host);
        }
        return all;
    }
}
