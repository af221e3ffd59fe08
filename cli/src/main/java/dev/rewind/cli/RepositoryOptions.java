package dev.rewind.cli;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.RepositoryLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a Kopia repository is and how to open it, as a picocli mixin shared by every offline command. Values come
 * from flags first, then from the environment Volsync's repository secrets use ({@code KOPIA_REPOSITORY},
 * {@code KOPIA_PASSWORD}, {@code KOPIA_S3_*}, {@code AWS_*}). The password is never echoed or logged.
 */
final class RepositoryOptions {
    @Option(names = "--repository", paramLabel = "URL",
            description = "s3://bucket[/prefix] or filesystem:///path (default: $KOPIA_REPOSITORY).")
    private String repository;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the repository password (default: $KOPIA_PASSWORD).")
    private Path passwordFile;

    @Option(names = "--endpoint", paramLabel = "HOST[:PORT]|URL",
            description = "S3 endpoint, e.g. garage.storage:3900 (default: $KOPIA_S3_ENDPOINT or $AWS_S3_ENDPOINT).")
    private String endpoint;

    @Option(names = "--disable-tls", description = "Talk plain HTTP to the S3 endpoint ($KOPIA_S3_DISABLE_TLS).")
    private boolean disableTls;

    @Option(names = "--region", paramLabel = "REGION", description = "S3 region (default: $AWS_REGION or us-east-1).")
    private String region;

    /** Opens the repository (format blob, key derivation, index) read-only. */
    KopiaRepository open(RewindCommand rewind) {
        Map<String, String> env = environment(rewind);
        String url = Optional.ofNullable(repository).or(() -> Optional.ofNullable(env.get("KOPIA_REPOSITORY")))
                .orElseThrow(() -> new RewindException(Reason.INVALID_INPUT, "no repository given",
                        "pass --repository s3://bucket/prefix or filesystem:///path, or set KOPIA_REPOSITORY", null));
        RepositoryLocation location = RepositoryLocation.parse(url, env);
        char[] password = password(env);
        BlobStore store = BlobStoreFactory.standard(rewind.clock()).open(location);
        return KopiaRepository.open(store, password);
    }

    private Map<String, String> environment(RewindCommand rewind) {
        Map<String, String> env = new HashMap<>(rewind.environment());
        if (endpoint != null) {
            env.put("KOPIA_S3_ENDPOINT", endpoint);
        }
        if (disableTls) {
            env.put("KOPIA_S3_DISABLE_TLS", "true");
        }
        if (region != null) {
            env.put("AWS_REGION", region);
        }
        return env;
    }

    private char[] password(Map<String, String> env) {
        if (passwordFile != null) {
            try {
                String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
                return text.strip().toCharArray();
            } catch (IOException e) {
                throw new RewindException(Reason.INVALID_INPUT, "cannot read password file " + passwordFile + ": "
                        + e.getClass().getSimpleName(), e);
            }
        }
        String fromEnv = env.get("KOPIA_PASSWORD");
        if (fromEnv == null || fromEnv.isEmpty()) {
            throw new RewindException(Reason.INVALID_INPUT, "no repository password given",
                    "pass --password-file FILE or set KOPIA_PASSWORD", null);
        }
        return fromEnv.toCharArray();
    }
}
