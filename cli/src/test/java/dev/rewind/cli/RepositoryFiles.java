package dev.rewind.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the source tree (Dockerfile, docs, scripts) as seen from a module's test run. */
final class RepositoryFiles {
    private RepositoryFiles() {
    }

    /** The repository root: the nearest ancestor of the working directory holding {@code mvnw}. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("cli"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }
}
