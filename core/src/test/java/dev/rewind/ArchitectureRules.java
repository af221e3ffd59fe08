package dev.rewind;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;

/**
 * The architecture rules of DESIGN.md §2, §4 and §8, shared by core's {@link ArchitectureTest} and the cli and
 * server architecture tests (through core's test-jar). Each rule applies to the production classes under
 * {@code dev.rewind} that are on the classpath of the module running it.
 */
public final class ArchitectureRules {
    /**
     * The composition roots: the only classes allowed to read the wall clock (create a {@link java.time.Clock}).
     * A class is a composition root when its fully qualified name is listed here; its nested, anonymous and lambda
     * code counts as part of it. Everything else receives a {@code Clock}.
     */
    public static final Set<String> COMPOSITION_ROOTS = Set.of("dev.rewind.cli.Main", "dev.rewind.server.ServerMain");

    /** Only {@code dev.rewind.kube} talks to the Kubernetes API through fabric8 (DESIGN.md §4). */
    public static final ArchRule FABRIC8_ONLY_IN_KUBE = noClasses()
            .that().resideOutsideOfPackage("dev.rewind.kube..")
            .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
            .because("only dev.rewind.kube may use the fabric8 client; domain records never carry fabric8 types");

    /** Only {@code dev.rewind.storage.s3} uses the AWS SDK (DESIGN.md §2, §3). */
    public static final ArchRule AWS_SDK_ONLY_IN_S3 = noClasses()
            .that().resideOutsideOfPackage("dev.rewind.storage.s3..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
            .because("S3 is reached through the BlobStore port; errors are translated at that edge");

    /** The top-level packages of {@code dev.rewind} form layers, never a cycle. */
    public static final ArchRule NO_CYCLES_BETWEEN_TOP_LEVEL_PACKAGES = slices()
            .matching("dev.rewind.(*)..").namingSlices("dev.rewind.$1")
            .should().beFreeOfCycles();

    /** The Kopia layers (format, crypto, index, content, object, manifest, snapshot, ...) never form a cycle. */
    public static final ArchRule NO_CYCLES_BETWEEN_KOPIA_LAYERS = slices()
            .matching("dev.rewind.kopia.(*)..").namingSlices("dev.rewind.kopia.$1")
            .should().beFreeOfCycles()
            .allowEmptyShould(true); // the cli and server classpaths may hold no kopia sub-packages

    /**
     * No code outside {@link #COMPOSITION_ROOTS} reads the wall clock: no {@code now()} of java.time types except
     * {@code now(Clock)}, no {@code Clock.systemUTC()/systemDefaultZone()/system(zone)}, no
     * {@code System.currentTimeMillis()}, no {@code new Date()}; method references included.
     */
    public static final ArchRule NO_WALL_CLOCK_OUTSIDE_COMPOSITION_ROOTS = noClasses()
            .that(DescribedPredicate.not(compositionRoot()))
            .should().accessTargetWhere(readsWallClock())
            .because("time is injected as java.time.Clock so that tests move time instead of sleeping");

    /** DESIGN.md §8: packages are domain nouns. */
    public static final ArchRule NO_VAGUE_PACKAGES = noClasses()
            .should().resideInAnyPackage("..util..", "..utils..", "..common..", "..commons..", "..helper..",
                    "..helpers..", "..manager..", "..managers..", "..impl..")
            .because("packages are singular domain nouns (DESIGN.md §8)");

    /** DESIGN.md §8: classes are domain names, not grab-bags. */
    public static final ArchRule NO_VAGUE_CLASS_NAMES = noClasses()
            .should().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Utils")
            .orShould().haveSimpleNameEndingWith("Helper")
            .orShould().haveSimpleNameEndingWith("Impl")
            .because("classes carry domain names (DESIGN.md §8)");

    /** Every rule above, for modules that run them all. */
    public static final List<ArchRule> ALL = List.of(FABRIC8_ONLY_IN_KUBE, AWS_SDK_ONLY_IN_S3,
            NO_CYCLES_BETWEEN_TOP_LEVEL_PACKAGES, NO_CYCLES_BETWEEN_KOPIA_LAYERS,
            NO_WALL_CLOCK_OUTSIDE_COMPOSITION_ROOTS, NO_VAGUE_PACKAGES, NO_VAGUE_CLASS_NAMES);

    private static final Set<String> JAVA_TIME_WITH_NOW = Set.of("java.time.Instant", "java.time.LocalDate",
            "java.time.LocalDateTime", "java.time.LocalTime", "java.time.OffsetDateTime", "java.time.OffsetTime",
            "java.time.ZonedDateTime", "java.time.Year", "java.time.YearMonth", "java.time.MonthDay");

    private ArchitectureRules() {
    }

    /** The production classes of {@code dev.rewind} on the classpath: no test classes, no test-jars. */
    public static JavaClasses productionClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.rewind");
    }

    static DescribedPredicate<JavaClass> compositionRoot() {
        return DescribedPredicate.describe("composition roots " + COMPOSITION_ROOTS, javaClass ->
                COMPOSITION_ROOTS.stream().anyMatch(root -> javaClass.getName().equals(root)
                        || javaClass.getName().startsWith(root + "$")));
    }

    static DescribedPredicate<JavaAccess<?>> readsWallClock() {
        return DescribedPredicate.describe("read the wall clock", access -> {
            if (!(access.getTarget() instanceof CodeUnitAccessTarget target)) {
                return false;
            }
            String owner = target.getOwner().getName();
            String name = target.getName();
            List<String> parameters = target.getRawParameterTypes().stream().map(JavaClass::getName).toList();
            return (JAVA_TIME_WITH_NOW.contains(owner) && name.equals("now")
                            && !parameters.equals(List.of("java.time.Clock")))
                    || (owner.equals("java.time.Clock")
                            && Set.of("systemUTC", "systemDefaultZone", "system").contains(name))
                    || (owner.equals("java.lang.System") && name.equals("currentTimeMillis"))
                    || (owner.equals("java.util.Date") && name.equals("<init>") && parameters.isEmpty());
        });
    }
}
