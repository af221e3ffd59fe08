package dev.rewind.server;

import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job of the scheduled drills: a thin adapter over {@link DrillRunner#runAll()}.
 * {@link DisallowConcurrentExecution}: drills never overlap (they share the sandbox namespace). Interruptable: when the
 * server stops, {@link CheckScheduler#close()} interrupts it, the running drill goes through its CLEANUP and no further
 * drill starts.
 */
@DisallowConcurrentExecution
public final class DrillJob implements InterruptableJob {
    static final String RUNNER = "rewind.drillRunner";

    private volatile Optional<DrillRunner> runner = Optional.empty();

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        DrillRunner drills;
        try {
            drills = (DrillRunner) context.getScheduler().getContext().get(RUNNER);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
        runner = Optional.of(drills);
        try {
            drills.runAll();
        } finally {
            runner = Optional.empty();
            Thread.interrupted();   // a Quartz worker thread goes back to its pool without the interrupt
        }
    }

    @Override
    public void interrupt() {
        runner.ifPresent(DrillRunner::interruptRunning);
    }
}
