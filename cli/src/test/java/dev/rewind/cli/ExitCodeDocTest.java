package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.error.Reason;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** docs/exit-codes.md states the same contract as {@link ExitCode}. */
class ExitCodeDocTest {
    @Test
    void everyExitCodeIsDocumentedWithItsMeaning() throws IOException {
        String doc = Files.readString(RepositoryFiles.path("docs/exit-codes.md"));

        for (ExitCode exit : ExitCode.values()) {
            assertThat(doc).contains("| " + exit.code() + " | " + exit.meaning() + " |");
        }
    }

    @Test
    void everyReasonIsDocumentedWithItsExitCode() throws IOException {
        String doc = Files.readString(RepositoryFiles.path("docs/exit-codes.md"));

        for (Reason reason : Reason.values()) {
            assertThat(doc).containsPattern("\\| `" + reason + "` \\| " + ExitCode.of(reason).code() + " \\|");
        }
    }
}
