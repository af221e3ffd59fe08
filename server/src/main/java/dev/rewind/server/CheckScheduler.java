package dev.rewind.server;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz scheduler of the server (DESIGN.md §7): one durable {@link CheckJob} per scheduled check
 * ({@code <target>/<kind>}), each with a cron trigger in UTC.
 *
 * <p>Job store: {@code RAMJobStore} by default — one replica, nothing to install; schedules come from the
 * configuration at every start. With a {@link ClusterStore}, Quartz's clustered {@code JobStoreTX} on PostgreSQL
 * ({@link PostgresConnectionProvider} creates the tables): every replica registers the same jobs (replacing them),
 * row locks in {@code qrtz_locks} make each fire run on exactly one replica, and a replica that stops checking in for
 * {@link #CLUSTER_CHECKIN} has its in-flight fires recovered by the others. {@link DisallowConcurrentExecution} holds
 * cluster-wide.
 *
 * <p>Misfire policy: {@code MISFIRE_INSTRUCTION_FIRE_ONCE_NOW} ("fire and proceed"): a fire missed because the
 * server was down, or because the previous run of the same check was still going, runs once as soon as possible,
 * then the cron schedule continues; several missed fires collapse into one run.
 */
public final class CheckScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckScheduler.class);
    static final String GROUP = "rewind";
    static final JobKey DISCOVERY_JOB = new JobKey("discovery", "rewind-discovery");
    /** How often replicas check in; a replica silent for longer is considered dead and its checks recovered. */
    static final java.time.Duration CLUSTER_CHECKIN = java.time.Duration.ofSeconds(5);
    private static final int THREADS = 4;

    private final Scheduler scheduler;
    /**
     * With the RAM store, the next fire time of every check, kept current by {@link NextFires}: Quartz hands out
     * triggers as clones and re-parses the cron expression of each, which made every scrape of 400 checks cost
     * about 100 ms. Empty with the JDBC store, where the database holds the truth (other replicas fire too).
     */
    private final Optional<java.util.Map<TriggerKey, Instant>> nextFires;

    /**
     * Creates the scheduler (not started) and registers every scheduled check of the runner's targets.
     *
     * @param instanceName unique per JVM (Quartz keeps a process-wide registry of schedulers by name)
     */
    public CheckScheduler(CheckRunner runner, String instanceName) {
        this(runner, instanceName, Optional.empty(), instanceName);
    }

    /**
     * Creates a scheduler on the clustered JDBC store (when {@code cluster} is present) or RAM.
     *
     * @param instanceName the cluster-wide scheduler name (every replica uses the same one with a JDBC store)
     * @param instanceId   unique per replica (the pod name)
     */
    public CheckScheduler(CheckRunner runner, String instanceName, Optional<ClusterStore> cluster,
                          String instanceId) {
        Objects.requireNonNull(runner, "runner");
        nextFires = cluster.isPresent() ? Optional.empty()
                : Optional.of(new java.util.concurrent.ConcurrentHashMap<>());
        Properties properties = new Properties();
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, instanceName);
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, instanceId);
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.scheduler.idleWaitTime", "5000");
        properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(THREADS));
        properties.setProperty("org.quartz.threadPool.threadNamePrefix", "rewind-check-" + instanceId);
        if (cluster.isPresent()) {
            jdbc(properties, cluster.get());
        } else {
            properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
        }
        try {
            scheduler = new StdSchedulerFactory(properties).getScheduler();
            // the process-wide registry is not used (and would forbid two replicas of one cluster in one JVM)
            SchedulerRepository.getInstance().remove(instanceName);
            scheduler.getContext().put(CheckJob.RUNNER, runner);
            if (nextFires.isPresent()) {
                scheduler.getListenerManager().addTriggerListener(new NextFires(nextFires.get()),
                        org.quartz.impl.matchers.GroupMatcher.triggerGroupEquals(GROUP));
            }
            for (Targets.ScheduledCheck check : runner.targets().scheduled()) {
                schedule(check);
            }
        } catch (SchedulerException e) {
            throw new RewindException(Reason.INTERNAL, "cannot create the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    private static void jdbc(Properties p, ClusterStore store) {
        String ds = "org.quartz.dataSource.rewind.";
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", "rewind");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(CLUSTER_CHECKIN.toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty(ds + "connectionProvider.class", PostgresConnectionProvider.class.getName());
        p.setProperty(ds + "url", store.jdbcUrl());
        p.setProperty(ds + "user", store.user());
        store.passwordFile().ifPresent(file -> {
            try {
                p.setProperty(ds + "password", java.nio.file.Files.readString(file).stripTrailing());
            } catch (java.io.IOException e) {
                throw new RewindException(Reason.UNAVAILABLE, "cannot read scheduler.passwordFile " + file + ": "
                        + e.getClass().getSimpleName(), e);
            }
        });
    }

    public CheckScheduler start() {
        try {
            scheduler.start();
            return this;
        } catch (SchedulerException e) {
            throw new RewindException(Reason.INTERNAL, "cannot start the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /** When the check fires next; empty when it is not scheduled. */
    public Optional<Instant> nextRunAt(TargetName target, CheckKind kind) {
        if (nextFires.isPresent()) {
            return Optional.ofNullable(nextFires.get().get(triggerKey(target, kind)));
        }
        try {
            Trigger trigger = scheduler.getTrigger(triggerKey(target, kind));
            return Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(Date::toInstant);
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    /**
     * Fires the check now, through Quartz (so it never overlaps a scheduled run of the same check).
     *
     * @throws RewindException NOT_FOUND when the check is not scheduled
     */
    public void triggerNow(TargetName target, CheckKind kind) {
        try {
            JobKey key = jobKey(target, kind);
            if (!scheduler.checkExists(key)) {
                throw new RewindException(Reason.NOT_FOUND, "no scheduled " + kind.label() + " for target " + target);
            }
            scheduler.triggerJob(key);
        } catch (SchedulerException e) {
            throw new RewindException(Reason.INTERNAL, "cannot trigger " + kind.label() + " of " + target + ": "
                    + e.getMessage(), e);
        }
    }

    /** How long {@link #close()} waits for a running drill to finish its CLEANUP (docs/runbooks/drills.md). */
    static final Duration DRILL_CLEANUP_GRACE = Duration.ofSeconds(20);

    /**
     * Stops firing. A running drill is interrupted ({@link DrillJob}, an {@code InterruptableJob}) and waited for, at
     * most {@link #DRILL_CLEANUP_GRACE}, so it deletes what it created in the sandbox; running checks are not waited
     * for (they only read, and Kubernetes' grace period is shorter than a deep verify). Idempotent.
     */
    @Override
    public void close() {
        try {
            if (!scheduler.isShutdown()) {
                scheduler.standby();
                Optional<DrillRunner> drills = Optional.ofNullable(scheduler.getContext().get(DrillJob.RUNNER))
                        .map(DrillRunner.class::cast);
                if (drills.isPresent()) {
                    scheduler.interrupt(new JobKey(DRILLS, GROUP));
                    if (!drills.get().awaitIdle(DRILL_CLEANUP_GRACE)) {
                        LOG.warn("a drill was still cleaning up after {}; its leftovers are swept by the next"
                                + " drill run", DRILL_CLEANUP_GRACE);
                    }
                }
                scheduler.shutdown(false);
            }
        } catch (SchedulerException e) {
            throw new RewindException(Reason.INTERNAL, "cannot stop the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    static JobKey jobKey(TargetName target, CheckKind kind) {
        return new JobKey(target.value() + "/" + kind.label(), GROUP);
    }

    static TriggerKey triggerKey(TargetName target, CheckKind kind) {
        return new TriggerKey(target.value() + "/" + kind.label(), GROUP);
    }

    // ---- restore drills (config section "drills")

    /** The job and trigger name of the drills: {@code drills/drill}. */
    static final String DRILLS = "drills/" + CheckKind.DRILL.label();

    /** Registers the drill job with its cron trigger (UTC, fire-and-proceed on misfire like the checks). */
    public void scheduleDrills(DrillRunner runner, Schedule schedule) {
        try {
            scheduler.getContext().put(DrillJob.RUNNER, runner);
            JobDetail job = JobBuilder.newJob(DrillJob.class).withIdentity(new JobKey(DRILLS, GROUP))
                    .storeDurably().requestRecovery(true).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(new TriggerKey(DRILLS, GROUP)).forJob(job)
                    .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron()).inTimeZone(Schedule.ZONE)
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new RewindException(Reason.INTERNAL, "cannot schedule the drills: " + e.getMessage(), e);
        }
    }

    /** When the drills fire next; empty when they are not scheduled. */
    public Optional<Instant> nextDrillAt() {
        try {
            Trigger trigger = scheduler.getTrigger(new TriggerKey(DRILLS, GROUP));
            return Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(Date::toInstant);
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    /**
     * Makes the registered checks those of {@code targets}: deletes the jobs of checks no longer there (a removed
     * app), registers new ones, and re-registers those whose cron changed; unchanged checks keep their next fire
     * time. The discovery job is left alone. Safe to call while running.
     */
    public synchronized void reconcile(Targets targets) {
        try {
            java.util.Map<JobKey, Targets.ScheduledCheck> wanted = new java.util.LinkedHashMap<>();
            for (Targets.ScheduledCheck check : targets.scheduled()) {
                wanted.put(jobKey(check.target(), check.kind()), check);
            }
            for (JobKey key : scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(GROUP))) {
                if (!wanted.containsKey(key)) {
                    scheduler.deleteJob(key);
                    nextFires.ifPresent(fires -> fires.remove(new TriggerKey(key.getName(), GROUP)));
                }
            }
            for (Targets.ScheduledCheck check : wanted.values()) {
                Trigger existing = scheduler.getTrigger(triggerKey(check.target(), check.kind()));
                if (existing instanceof org.quartz.CronTrigger cron
                        && cron.getCronExpression().equals(check.schedule().cron())) {
                    continue;
                }
                schedule(check);
            }
        } catch (SchedulerException e) {
            throw new RewindException(Reason.INTERNAL, "cannot update the schedules: " + e.getMessage(), e);
        }
    }

    /**
     * Registers {@link DiscoveryJob}: {@code discovery.refresh()} now and then every {@code interval} (missed fires
     * are skipped, not caught up).
     */
    public void scheduleDiscovery(ClusterTargets discovery, java.time.Duration interval) {
        try {
            scheduler.getContext().put(DiscoveryJob.DISCOVERY, discovery);
            JobDetail job = JobBuilder.newJob(DiscoveryJob.class).withIdentity(DISCOVERY_JOB).storeDurably().build();
            Trigger trigger = TriggerBuilder.newTrigger()
                    .withIdentity(DISCOVERY_JOB.getName(), DISCOVERY_JOB.getGroup())
                    .forJob(job)
                    .startNow()
                    .withSchedule(org.quartz.SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(Math.max(1000, interval.toMillis()))
                            .repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new RewindException(Reason.INTERNAL, "cannot schedule discovery: " + e.getMessage(), e);
        }
    }

    /** Runs discovery now, through Quartz (never overlapping a scheduled discovery). */
    public void triggerDiscovery() {
        try {
            scheduler.triggerJob(DISCOVERY_JOB);
        } catch (SchedulerException e) {
            throw new RewindException(Reason.INTERNAL, "cannot trigger discovery: " + e.getMessage(), e);
        }
    }

    /** The checks currently registered, as {@code <target>/<kind>} job names. */
    java.util.Set<String> registeredChecks() {
        try {
            java.util.Set<String> names = new java.util.TreeSet<>();
            scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(GROUP))
                    .forEach(k -> names.add(k.getName()));
            return names;
        } catch (SchedulerException e) {
            throw new RewindException(Reason.INTERNAL, "cannot list the schedules: " + e.getMessage(), e);
        }
    }

    private void schedule(Targets.ScheduledCheck check) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(CheckJob.class)
                .withIdentity(jobKey(check.target(), check.kind()))
                .usingJobData(CheckJob.TARGET, check.target().value())
                .usingJobData(CheckJob.KIND, check.kind().name())
                .storeDurably()
                .requestRecovery(true)
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(check.target(), check.kind()))
                .forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(check.schedule().cron())
                        .inTimeZone(Schedule.ZONE)
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
        if (nextFires.isPresent()) {
            Trigger stored = scheduler.getTrigger(trigger.getKey());
            Optional.ofNullable(stored).map(Trigger::getNextFireTime).ifPresentOrElse(
                    at -> nextFires.get().put(trigger.getKey(), at.toInstant()),
                    () -> nextFires.get().remove(trigger.getKey()));
        }
    }

    /** Records the next fire time of each check trigger as Quartz fires it (or handles its misfire). */
    private record NextFires(java.util.Map<TriggerKey, Instant> fires) implements org.quartz.TriggerListener {
        @Override
        public String getName() {
            return "rewind-next-fires";
        }

        @Override
        public void triggerFired(Trigger trigger, org.quartz.JobExecutionContext context) {
            record(trigger.getKey(), context.getNextFireTime());
        }

        @Override
        public boolean vetoJobExecution(Trigger trigger, org.quartz.JobExecutionContext context) {
            return false;
        }

        @Override
        public void triggerMisfired(Trigger trigger) {
            record(trigger.getKey(), trigger.getNextFireTime());
        }

        @Override
        public void triggerComplete(Trigger trigger, org.quartz.JobExecutionContext context,
                                    Trigger.CompletedExecutionInstruction instruction) {
        }

        private void record(TriggerKey key, Date next) {
            if (next == null) {
                fires.remove(key);
            } else {
                fires.put(key, next.toInstant());
            }
        }
    }

    /** Fires the drill job now, through Quartz (tests; never overlaps a running drill job). */
    void triggerDrillsNow() {
        try {
            scheduler.triggerJob(new JobKey(DRILLS, GROUP));
        } catch (SchedulerException e) {
            throw new RewindException(Reason.INTERNAL, "cannot trigger the drills: " + e.getMessage(), e);
        }
    }
}
