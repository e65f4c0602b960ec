package org.gleaner.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Quartz job per feed. Overdue feeds (after downtime, or at first start) are not fired at once:
 * their first runs are spread over a window so that thousands of feeds never become a burst.
 */
public final class RefreshScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RefreshScheduler.class);
    private static final String GROUP = "feeds";
    /** Overdue feeds start within this window, evenly spaced. */
    private static final Duration CATCH_UP_WINDOW = Duration.ofMinutes(5);
    /** Refreshes running at once; per-host politeness is the fetcher's job. */
    private static final int WORKER_THREADS = 4;

    private final Scheduler scheduler;
    private final InstantSource clock;

    /** A feed to schedule: its name, its interval, and when it was last due according to the store. */
    public record ScheduledFeed(String name, Duration every, @Nullable Instant nextCheck) {}

    public RefreshScheduler(Consumer<String> refreshFeed, InstantSource clock) {
        this.clock = clock;
        try {
            Properties properties = new Properties();
            properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "gleaner");
            properties.setProperty(StdSchedulerFactory.PROP_SCHED_SKIP_UPDATE_CHECK, "true");
            properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(WORKER_THREADS));
            properties.setProperty("org.quartz.threadPool.threadNamePrefix", "feed-refresh");
            properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            properties.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
            this.scheduler = new StdSchedulerFactory(properties).getScheduler();
            scheduler.setJobFactory((bundle, ignored) -> new RefreshFeedJob(refreshFeed));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /** Schedules every feed and starts firing. */
    public void start(List<ScheduledFeed> feeds) {
        try {
            Instant now = clock.instant();
            List<ScheduledFeed> overdue = feeds.stream()
                    .filter(f -> f.nextCheck() == null || !f.nextCheck().isAfter(now))
                    .toList();
            Duration spacing = overdue.isEmpty() ? Duration.ZERO : CATCH_UP_WINDOW.dividedBy(overdue.size() + 1L);
            int position = 0;
            for (ScheduledFeed feed : feeds) {
                Instant first;
                if (feed.nextCheck() != null && feed.nextCheck().isAfter(now)) {
                    first = feed.nextCheck();
                } else {
                    first = now.plus(spacing.multipliedBy(position++)).plusSeconds(1);
                }
                schedule(feed, first);
            }
            scheduler.start();
            log.info("scheduled {} feeds ({} overdue, spread over {})", feeds.size(), overdue.size(), CATCH_UP_WINDOW);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
        }
    }

    private void schedule(ScheduledFeed feed, Instant first) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(RefreshFeedJob.class)
                .withIdentity(feed.name(), GROUP)
                .usingJobData(RefreshFeedJob.FEED_NAME, feed.name())
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(feed.name(), GROUP)
                .startAt(Date.from(first))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(feed.every().toMillis())
                        .repeatForever()
                        // After downtime a feed runs once, not once per missed interval.
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        scheduler.deleteJob(new JobKey(feed.name(), GROUP));
        scheduler.scheduleJob(job, trigger);
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
