package org.gleaner.schedule;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * Thin Quartz job: refreshes the feed its job is named after, then schedules its next run.
 *
 * <p>Not {@code @DisallowConcurrentExecution}: with that annotation Quartz's RAM store walks the job's
 * triggers on every fire and completion and wakes the scheduler thread after every run, which made it
 * release and re-acquire its waiting triggers once per refresh. {@link RefreshScheduler} keeps one
 * live trigger per feed and never runs a feed twice at once itself.
 */
final class RefreshFeedJob implements Job {
    private final RefreshScheduler scheduler;

    RefreshFeedJob(RefreshScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String name = context.getJobDetail().getKey().getName();
        String triggerName = context.getTrigger().getKey().getName();
        try {
            scheduler.run(name, RefreshScheduler.triggerId(triggerName));
        } catch (SchedulerException e) {
            throw new JobExecutionException("cannot schedule the next refresh of " + name, e);
        }
    }
}
