package dev.rewind.server;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job of the scheduled drills: a thin adapter over {@link DrillRunner#runAll()}.
 * {@link DisallowConcurrentExecution}: drills never overlap (they share the sandbox namespace).
 */
@DisallowConcurrentExecution
public final class DrillJob implements Job {
    static final String RUNNER = "rewind.drillRunner";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        DrillRunner runner;
        try {
            runner = (DrillRunner) context.getScheduler().getContext().get(RUNNER);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
        runner.runAll();
    }
}
