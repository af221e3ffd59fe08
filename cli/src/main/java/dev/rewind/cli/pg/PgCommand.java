package dev.rewind.cli.pg;

import picocli.CommandLine.Command;

/** {@code rewind pg}: CloudNativePG clusters archived with the Barman Cloud plugin. Runs nothing itself. */
@Command(name = "pg", description = "Verify, back up and restore CloudNativePG clusters (Barman Cloud plugin).",
        subcommands = {
            PgStatusCommand.class,
            PgBackupsCommand.class,
            PgVerifyCommand.class,
            PgRestoreCommand.class,
            PgBackupCommand.class,
        })
public final class PgCommand {
}
