package dev.rewind.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import dev.rewind.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server obeys the shared rules and never sees the CLI (DESIGN.md §2). */
class ServerArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ArchitectureRules.productionClasses();
    }

    @Test
    void importsServerAndCoreProductionClasses() {
        assertThat(classes.contain(ServerMain.class)).isTrue();
        assertThat(classes.contain("dev.rewind.error.RewindException")).isTrue();
        assertThat(classes.contain(ServerArchitectureTest.class)).isFalse();
        assertThat(classes.contain("dev.rewind.ArchitectureRules")).as("core test-jar excluded").isFalse();
    }

    @Test
    void cliIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("dev.rewind.cli.Main")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void serverNeverDependsOnTheCli() {
        noClasses().that().resideInAPackage("dev.rewind.server..")
                .should().dependOnClassesThat().resideInAPackage("dev.rewind.cli..")
                .check(classes);
    }

    @Test
    void coreNeverDependsOnTheServer() {
        noClasses().that().resideInAPackage("dev.rewind..").and().resideOutsideOfPackage("dev.rewind.server..")
                .should().dependOnClassesThat().resideInAPackage("dev.rewind.server..")
                .check(classes);
    }

    @Test
    void sharedRulesHold() {
        for (ArchRule rule : ArchitectureRules.ALL) {
            rule.check(classes);
        }
    }
}
