package dev.rewind.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Boundaries of the storage layer. */
class StorageArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importStorageClasses() {
        // resolving the AWS SDK's class graph from the class path takes ~10 s and adds nothing to these rules
        var configuration = ArchConfiguration.get();
        boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.rewind.storage");
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void onlyTheS3AdapterOfTheStorageLayerUsesTheAwsSdk() {
        noClasses().that().resideOutsideOfPackage("dev.rewind.storage.s3")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .check(main);
    }

    @Test
    void storageReadsNoWallClock() {
        noClasses().that().resideInAPackage("dev.rewind.storage..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(main);
    }
}
