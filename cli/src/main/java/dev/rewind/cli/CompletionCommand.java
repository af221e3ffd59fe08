package dev.rewind.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the bash/zsh completion script generated from the command model: {@code source <(rewind completion)}. */
@Command(name = "completion",
        description = {
            "Print the bash/zsh completion script.",
            "Load it with: source <(rewind completion)",
            "In zsh, first run: autoload -U +X compinit && compinit && autoload -U +X bashcompinit && bashcompinit"
        })
final class CompletionCommand implements Callable<Integer> {
    private final RewindCommand rewind;

    @Spec
    private CommandSpec spec;

    CompletionCommand(RewindCommand rewind) {
        this.rewind = rewind;
    }

    @Override
    public Integer call() {
        rewind.out().print(AutoComplete.bash("rewind", spec.root().commandLine()));
        rewind.out().flush();
        return ExitCode.SUCCESS.code();
    }
}
