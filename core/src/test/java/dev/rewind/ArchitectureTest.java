package dev.rewind;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Enforces {@link ArchitectureRules} on core's production classes, and proves with deliberately bad classes (nested
 * here, in test sources, so never part of the production import) that each rule catches what it forbids even where
 * production code has nothing to catch yet.
 */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = ArchitectureRules.productionClasses();
    }

    @Test
    void importsProductionClassesOnly() {
        assertThat(core.contain("dev.rewind.error.RewindException")).isTrue();
        assertThat(core.contain(ArchitectureTest.class)).isFalse();
    }

    @Test
    void onlyKubeUsesFabric8() {
        ArchitectureRules.FABRIC8_ONLY_IN_KUBE.check(core);
    }

    @Test
    void onlyStorageS3UsesTheAwsSdk() {
        ArchitectureRules.AWS_SDK_ONLY_IN_S3.check(core);
    }

    @Test
    void noCyclesBetweenPackages() {
        ArchitectureRules.NO_CYCLES_BETWEEN_TOP_LEVEL_PACKAGES.check(core);
        ArchitectureRules.NO_CYCLES_BETWEEN_KOPIA_LAYERS.check(core);
    }

    @Test
    void noWallClockOutsideCompositionRoots() {
        ArchitectureRules.NO_WALL_CLOCK_OUTSIDE_COMPOSITION_ROOTS.check(core);
    }

    @Test
    void noVaguePackagesOrClassNames() {
        ArchitectureRules.NO_VAGUE_PACKAGES.check(core);
        ArchitectureRules.NO_VAGUE_CLASS_NAMES.check(core);
    }

    // --- the rules are not vacuous: each one flags a deliberate violation -------------------------------------

    @Test
    void fabric8OutsideKubeIsCaught() {
        assertViolations(ArchitectureRules.FABRIC8_ONLY_IN_KUBE, Fabric8Outside.class, "KubernetesClient");
    }

    @Test
    void awsSdkOutsideStorageS3IsCaught() {
        assertViolations(ArchitectureRules.AWS_SDK_ONLY_IN_S3, AwsOutside.class, "S3Client");
    }

    @Test
    void everyWayOfReadingTheWallClockIsCaught() {
        EvaluationResult result = ArchitectureRules.NO_WALL_CLOCK_OUTSIDE_COMPOSITION_ROOTS
                .evaluate(new ClassFileImporter().importClasses(WallClockReader.class));

        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("Instant.now()"))
                .anyMatch(line -> line.contains("LocalDateTime.now()"))
                .anyMatch(line -> line.contains("System.currentTimeMillis()"))
                .anyMatch(line -> line.contains("Clock.systemUTC()"))
                .anyMatch(line -> line.contains("Clock.systemDefaultZone()"))
                .anyMatch(line -> line.contains("Date.<init>()"))
                .noneMatch(line -> line.contains("Instant.now(java.time.Clock)"))
                .hasSize(7); // Instant::now is referenced once and called once
    }

    @Test
    void injectedClockIsAllowed() {
        EvaluationResult result = ArchitectureRules.NO_WALL_CLOCK_OUTSIDE_COMPOSITION_ROOTS
                .evaluate(new ClassFileImporter().importClasses(ClockUser.class));

        assertThat(result.hasViolation()).isFalse();
    }

    @Test
    void compositionRootsAreExactlyTheNamedMains() {
        assertThat(ArchitectureRules.compositionRoot().test(
                new ClassFileImporter().importClass(WallClockReader.class))).isFalse();
        assertThat(ArchitectureRules.COMPOSITION_ROOTS)
                .containsExactlyInAnyOrder("dev.rewind.cli.Main", "dev.rewind.server.ServerMain");
    }

    private static void assertViolations(ArchRule rule, Class<?> violator, String expectedTarget) {
        EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(violator));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(expectedTarget));
    }

    static final class Fabric8Outside {
        KubernetesClient client;
    }

    static final class AwsOutside {
        S3Client s3;
    }

    @SuppressWarnings({"JavaUtilDate", "unused"})
    static final class WallClockReader {
        Object read() {
            Supplier<Instant> reference = Instant::now;
            return java.util.List.of(Instant.now(), LocalDateTime.now(), System.currentTimeMillis(),
                    Clock.systemUTC(), Clock.systemDefaultZone(), new java.util.Date(), reference.get());
        }
    }

    static final class ClockUser {
        Instant read(Clock clock) {
            return Instant.now(clock);
        }
    }
}
