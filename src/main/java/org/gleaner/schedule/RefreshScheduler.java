package org.gleaner.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Quartz job per feed, each fired by a one-shot trigger at the time the last refresh chose
 * ({@link RefreshPolicy}); the job schedules its own next run. Overdue feeds (after downtime, or at
 * first start) are not fired at once: their runs are spread over a window, so thousands of feeds never
 * become a burst, and a feed missed many times runs once, not once per missed interval.
 */
public final class RefreshScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RefreshScheduler.class);
    private static final String GROUP = "feeds";
    /** Overdue feeds start within this window, evenly spaced (at least {@link #MIN_SPACING} apart). */
    private static final Duration CATCH_UP_WINDOW = Duration.ofMinutes(5);
    /** With very many feeds the window stretches so that starts stay this far apart. */
    private static final Duration MIN_SPACING = Duration.ofMillis(50);
    /**
     * Refreshes running at once unless told otherwise. A refresh mostly waits on the network (a feed
     * answering in 20–200 ms, articles behind per-host delays), so keeping a few hundred feeds a second
     * going takes this many in flight; per-host politeness is the fetcher's job.
     */
    public static final int DEFAULT_WORKER_THREADS = 64;

    /** A feed whose refresh is still running when its next trigger fires is tried again this much later. */
    static final Duration BUSY_RETRY = Duration.ofMinutes(1);

    private final Scheduler scheduler;
    private final InstantSource clock;
    private final Function<String, Optional<Instant>> refreshFeed;
    private final AtomicLong triggerIds = new AtomicLong();
    /**
     * The one trigger (by id) that carries each feed's schedule. A trigger that is not its feed's live one
     * (the feed was removed, or removed and added again while a refresh ran) fires without effect, so a
     * feed never ends up polled by two chains of triggers.
     */
    private final ConcurrentHashMap<String, Long> liveTrigger = new ConcurrentHashMap<>();
    /** Feeds being refreshed right now: a feed is never refreshed twice at once. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /** A feed to schedule and when the store says it is next due (null: never fetched). */
    public record ScheduledFeed(String name, @Nullable Instant nextCheck) {}

    /**
     * @param refreshFeed refreshes the named feed and returns when it is due next (empty: stop polling)
     */
    public RefreshScheduler(Function<String, Optional<Instant>> refreshFeed, InstantSource clock) {
        this(refreshFeed, clock, DEFAULT_WORKER_THREADS);
    }

    /**
     * @param refreshFeed refreshes the named feed and returns when it is due next (empty: stop polling)
     * @param workerThreads refreshes running at once
     */
    public RefreshScheduler(Function<String, Optional<Instant>> refreshFeed, InstantSource clock, int workerThreads) {
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be at least 1, was " + workerThreads);
        }
        this.clock = clock;
        this.refreshFeed = refreshFeed;
        try {
            Properties properties = new Properties();
            properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "gleaner");
            properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(workerThreads));
            // Hand due triggers to idle workers in batches, not one per scheduler-thread round.
            properties.setProperty(
                    "org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(workerThreads));
            properties.setProperty("org.quartz.threadPool.threadNamePrefix", "feed-refresh");
            properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            this.scheduler = new StdSchedulerFactory(properties).getScheduler();
            RefreshFeedJob job = new RefreshFeedJob(this);
            scheduler.setJobFactory((bundle, ignored) -> job);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /** Schedules every feed and starts firing. */
    public void start(List<ScheduledFeed> feeds) {
        try {
            sync(feeds);
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the jobs match the given feeds: new feeds are scheduled (overdue ones spread out), feeds
     * no longer present are removed, and feeds already scheduled keep their next run.
     */
    public synchronized void sync(Collection<ScheduledFeed> feeds) {
        try {
            Set<String> wanted = new HashSet<>();
            feeds.forEach(f -> wanted.add(f.name()));
            for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                if (!wanted.contains(key.getName())) {
                    // Dropped first, so a refresh of this feed that is still running schedules nothing.
                    liveTrigger.remove(key.getName());
                    scheduler.deleteJob(key);
                    log.info("feed {} removed from the schedule", key.getName());
                }
            }
            Instant now = clock.instant();
            List<ScheduledFeed> added =
                    feeds.stream().filter(f -> !exists(f.name())).toList();
            long overdue =
                    added.stream().filter(f -> !isFuture(f.nextCheck(), now)).count();
            Duration spacing = overdue == 0 ? Duration.ZERO : CATCH_UP_WINDOW.dividedBy(overdue);
            if (spacing.compareTo(MIN_SPACING) < 0) {
                spacing = MIN_SPACING;
            }
            int position = 0;
            for (ScheduledFeed feed : added) {
                Instant due = feed.nextCheck();
                Instant first = due != null && due.isAfter(now) ? due : now.plus(spacing.multipliedBy(position++));
                JobDetail job = JobBuilder.newJob(RefreshFeedJob.class)
                        .withIdentity(feed.name(), GROUP)
                        .storeDurably()
                        .build();
                scheduler.addJob(job, false);
                fireAt(feed.name(), first);
            }
            if (!added.isEmpty()) {
                log.info("scheduled {} feeds ({} due now, spread {} apart)", added.size(), overdue, spacing);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule feeds: " + e.getMessage(), e);
        }
    }

    private boolean exists(String name) {
        try {
            return scheduler.checkExists(new JobKey(name, GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isFuture(@Nullable Instant when, Instant now) {
        return when != null && when.isAfter(now);
    }

    /** Fires the feed's job once at {@code when}, as its live trigger; each run schedules the next. */
    void fireAt(String name, Instant when) throws SchedulerException {
        long id = triggerIds.incrementAndGet();
        liveTrigger.put(name, id);
        schedule(name, id, when);
    }

    private void schedule(String name, long id, Instant when) throws SchedulerException {
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(name + TRIGGER_ID_SEPARATOR + id, GROUP)
                .forJob(name, GROUP)
                .startAt(Date.from(when))
                .build();
        scheduler.scheduleJob(trigger);
    }

    private static final char TRIGGER_ID_SEPARATOR = '#';

    /** The id in a trigger name made by {@link #schedule} (feed names may contain the separator). */
    static long triggerId(String triggerName) {
        return Long.parseLong(triggerName.substring(triggerName.lastIndexOf(TRIGGER_ID_SEPARATOR) + 1));
    }

    /**
     * What the job does when trigger {@code id} of a feed fires: refresh the feed if this trigger is its live
     * one and no refresh of it is running, then make the next check the live trigger.
     */
    void run(String name, long id) throws SchedulerException {
        Long live = liveTrigger.get(name);
        if (live == null || live != id) {
            log.debug("feed {}: trigger {} was superseded, nothing to do", name, id);
            return;
        }
        if (!running.add(name)) {
            // Only after the feed was removed and added again while it was being refreshed.
            log.info("feed {} is still being refreshed; trying again in {}", name, BUSY_RETRY);
            reschedule(name, id, clock.instant().plus(BUSY_RETRY));
            return;
        }
        Optional<Instant> next;
        try {
            next = refreshFeed.apply(name);
        } finally {
            running.remove(name);
        }
        if (next.isPresent()) {
            reschedule(name, id, next.get());
        } else if (liveTrigger.remove(name, id)) {
            log.warn("feed {} will not be polled again (see its status)", name);
        }
    }

    /** Schedules the feed's next trigger if {@code id} is still its live one (the feed may have been removed). */
    private void reschedule(String name, long id, Instant when) throws SchedulerException {
        long next = triggerIds.incrementAndGet();
        if (liveTrigger.replace(name, id, next)) {
            schedule(name, next, when);
        }
    }

    /** The next run of a feed, if one is scheduled (for status pages and tests). */
    public Optional<Instant> nextRun(String name) {
        try {
            return scheduler.getTriggersOfJob(new JobKey(name, GROUP)).stream()
                    .map(Trigger::getNextFireTime)
                    .filter(java.util.Objects::nonNull)
                    .map(Date::toInstant)
                    .min(Instant::compareTo);
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Triggers of the feed's job not yet completed, fired ones included (for tests). */
    int pendingTriggers(String name) throws SchedulerException {
        return scheduler.getTriggersOfJob(new JobKey(name, GROUP)).size();
    }

    @Override
    public void close() {
        try {
            // Running refreshes finish (each is one transaction); nothing half-written is left.
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("scheduler shutdown failed: {}", e.getMessage());
        }
    }
}
