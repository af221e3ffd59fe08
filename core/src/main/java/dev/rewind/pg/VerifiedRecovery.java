package dev.rewind.pg;

import dev.rewind.barman.BarmanReport;
import java.util.Objects;

/**
 * A recovery plan with the verification report of the archive it was made from (its WAL chains and findings).
 *
 * @param plan   the recovery plan
 * @param report the archive's verification report
 */
public record VerifiedRecovery(RecoveryPlan plan, BarmanReport report) {
    public VerifiedRecovery {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(report, "report");
    }
}
