package dev.rewind.server;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job of every check: a thin adapter that reads the target and kind from its job data and calls
 * {@link CheckRunner#run}. {@link DisallowConcurrentExecution}: a check never overlaps itself (a slow deep verify
 * makes the next fire wait, and with the clustered JDBC job store no two replicas run the same check).
 */
@DisallowConcurrentExecution
public final class CheckJob implements Job {
    static final String TARGET = "target";
    static final String KIND = "kind";
    static final String RUNNER = "rewind.checkRunner";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        JobDataMap data = context.getMergedJobDataMap();
        CheckRunner runner;
        ClusterTargets discovery;
        try {
            runner = (CheckRunner) context.getScheduler().getContext().get(RUNNER);
            discovery = (ClusterTargets) context.getScheduler().getContext().get(DiscoveryJob.DISCOVERY);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
        TargetName target = new TargetName(data.getString(TARGET));
        CheckKind kind = CheckKind.valueOf(data.getString(KIND));
        if (discovery != null) {
            if (!runner.targets().kindsOf(target).contains(kind)) {
                // with the clustered job store another replica may have discovered the target first
                discovery.refresh();
            } else {
                discovery.refreshIfStale();
            }
        }
        runner.run(target, kind);
    }
}
