package dev.rewind.drill;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.restore.SnapshotSelector;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Which snapshot a drill restores: a generation of the rotation, or one the operator chose. */
public sealed interface DrillSelection {

    /** A generation ({@link DrillGeneration#NEWEST}, {@link DrillGeneration#DAILY}, {@link DrillGeneration#WEEKLY}). */
    record Generation(DrillGeneration generation) implements DrillSelection {
        public Generation {
            Objects.requireNonNull(generation, "generation");
            if (generation == DrillGeneration.CHOSEN) {
                throw new RewindException(Reason.INVALID_INPUT, "generation 'chosen' needs a snapshot id or a time");
            }
        }
    }

    /** A snapshot chosen by id (or unique prefix) or as the newest at or before an instant. */
    record Chosen(SnapshotSelector selector) implements DrillSelection {
        public Chosen {
            Objects.requireNonNull(selector, "selector");
        }
    }

    /** The generation label of the drill: the generation, or {@link DrillGeneration#CHOSEN}. */
    default DrillGeneration generation() {
        return switch (this) {
            case Generation g -> g.generation();
            case Chosen c -> DrillGeneration.CHOSEN;
        };
    }

    /**
     * From command-line style options: at most one of snapshot id, as-of instant and generation; none = newest.
     *
     * @throws RewindException INVALID_INPUT when several are given
     */
    static DrillSelection of(Optional<String> snapshotId, Optional<Instant> asOf, Optional<DrillGeneration> generation) {
        int given = (snapshotId.isPresent() ? 1 : 0) + (asOf.isPresent() ? 1 : 0) + (generation.isPresent() ? 1 : 0);
        if (given > 1) {
            throw new RewindException(Reason.INVALID_INPUT, "choose one of --snapshot, --as-of and --generation (got "
                    + String.join(" and ", java.util.stream.Stream.of(snapshotId.map(x -> "--snapshot"),
                    asOf.map(x -> "--as-of"), generation.map(x -> "--generation")).flatMap(Optional::stream)
                    .toList()) + ")");
        }
        if (snapshotId.isPresent()) {
            return new Chosen(new SnapshotSelector.ById(snapshotId.get()));
        }
        if (asOf.isPresent()) {
            return new Chosen(new SnapshotSelector.AsOf(asOf.get()));
        }
        return new Generation(generation.orElse(DrillGeneration.NEWEST));
    }
}
