package org.gleaner.schedule;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Thin Quartz job: refreshes the feed named in its data, then schedules its next run. */
@DisallowConcurrentExecution
final class RefreshFeedJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(RefreshFeedJob.class);
    static final String FEED_NAME = "feed";

    private final Function<String, Optional<Instant>> refreshFeed;
    private final RefreshScheduler scheduler;

    RefreshFeedJob(Function<String, Optional<Instant>> refreshFeed, RefreshScheduler scheduler) {
        this.refreshFeed = refreshFeed;
        this.scheduler = scheduler;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String name = context.getMergedJobDataMap().getString(FEED_NAME);
        Optional<Instant> next = refreshFeed.apply(name);
        try {
            if (next.isPresent()) {
                scheduler.fireAt(name, next.get());
            } else {
                log.warn("feed {} will not be polled again (see its status)", name);
            }
        } catch (SchedulerException e) {
            throw new JobExecutionException("cannot schedule the next refresh of " + name, e);
        }
    }
}
