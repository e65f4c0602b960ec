package org.gleaner.schedule;

import java.util.function.Consumer;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Thin Quartz job: refreshes the feed named in its data. One run per feed at a time. */
@DisallowConcurrentExecution
final class RefreshFeedJob implements Job {
    static final String FEED_NAME = "feed";

    private final Consumer<String> refreshFeed;

    RefreshFeedJob(Consumer<String> refreshFeed) {
        this.refreshFeed = refreshFeed;
    }

    @Override
    public void execute(JobExecutionContext context) {
        refreshFeed.accept(context.getMergedJobDataMap().getString(FEED_NAME));
    }
}
