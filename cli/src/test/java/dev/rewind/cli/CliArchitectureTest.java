package dev.rewind.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import dev.rewind.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CLI obeys the shared rules and never sees the server (DESIGN.md §2). */
class CliArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ArchitectureRules.productionClasses();
    }

    @Test
    void importsCliAndCoreProductionClasses() {
        assertThat(classes.contain(Main.class)).isTrue();
        assertThat(classes.contain("dev.rewind.error.RewindException")).isTrue();
        assertThat(classes.contain(CliArchitectureTest.class)).isFalse();
        assertThat(classes.contain("dev.rewind.ArchitectureRules")).as("core test-jar excluded").isFalse();
    }

    @Test
    void serverIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("dev.rewind.server.ServerMain"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void cliNeverDependsOnTheServer() {
        noClasses().that().resideInAPackage("dev.rewind.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.rewind.server..")
                .check(classes);
    }

    @Test
    void coreNeverDependsOnTheCli() {
        noClasses().that().resideInAPackage("dev.rewind..").and().resideOutsideOfPackage("dev.rewind.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.rewind.cli..")
                .check(classes);
    }

    @Test
    void sharedRulesHold() {
        for (ArchRule rule : ArchitectureRules.ALL) {
            rule.check(classes);
        }
    }
}
