package dev.rewind.server;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job that re-discovers the cluster's targets ({@link ClusterTargets#refresh()}), every
 * {@code cluster.discoveryInterval}. Never overlaps itself; a failure is recorded by {@code refresh}, not thrown.
 */
@DisallowConcurrentExecution
public final class DiscoveryJob implements Job {
    static final String DISCOVERY = "rewind.clusterTargets";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            ((ClusterTargets) context.getScheduler().getContext().get(DISCOVERY)).refresh();
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
    }
}
