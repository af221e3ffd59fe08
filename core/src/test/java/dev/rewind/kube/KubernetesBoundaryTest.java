package dev.rewind.kube;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md §4: only {@code dev.rewind.kube} imports fabric8; the domain does not depend on the adapter. */
class KubernetesBoundaryTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rewind");

    @Test
    void onlyTheKubePackageUsesFabric8() {
        noClasses().that().resideOutsideOfPackage("dev.rewind.kube..")
                .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
                .check(MAIN);
    }

    @Test
    void domainPackagesDoNotDependOnTheAdapter() {
        noClasses().that().resideInAnyPackage("dev.rewind.volsync..", "dev.rewind.cnpg..", "dev.rewind.app..",
                        "dev.rewind.cluster..")
                .should().dependOnClassesThat().resideInAPackage("dev.rewind.kube..")
                .check(MAIN);
    }
}
