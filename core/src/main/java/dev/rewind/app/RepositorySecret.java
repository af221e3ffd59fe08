package dev.rewind.app;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kopia repository Secret of a ReplicationSource (volsync.md §3): {@code KOPIA_REPOSITORY} and
 * {@code KOPIA_PASSWORD} are required; S3 and other backend keys are optional. The values stay in memory for the
 * storage layer; {@link #toString()} shows key names only.
 */
public final class RepositorySecret {
    public static final String KOPIA_REPOSITORY = "KOPIA_REPOSITORY";
    public static final String KOPIA_PASSWORD = "KOPIA_PASSWORD";

    private final SecretData secret;

    private RepositorySecret(SecretData secret) {
        this.secret = secret;
    }

    /**
     * Validates the Secret as Volsync's {@code validateRepository} does.
     *
     * @throws RewindException INVALID_INPUT naming the Secret and the missing key
     */
    public static RepositorySecret of(SecretData secret) {
        Objects.requireNonNull(secret, "secret");
        for (String key : new String[] {KOPIA_PASSWORD, KOPIA_REPOSITORY}) {
            if (secret.find(key).filter(v -> !v.isEmpty()).isEmpty()) {
                throw new RewindException(Reason.INVALID_INPUT, "repository Secret " + secret.namespace() + "/"
                        + secret.name() + " has no " + key + " key",
                        "Volsync requires both KOPIA_REPOSITORY and KOPIA_PASSWORD in the repository Secret", null);
            }
        }
        return new RepositorySecret(secret);
    }

    public String name() {
        return secret.name();
    }

    public String namespace() {
        return secret.namespace();
    }

    /** {@code KOPIA_REPOSITORY} as written in the Secret, e.g. {@code s3://bucket/prefix} or {@code filesystem:///repository}. */
    public String repositoryUrl() {
        return secret.data().get(KOPIA_REPOSITORY);
    }

    /** {@code KOPIA_PASSWORD}. Never log or print it. */
    public String password() {
        return secret.data().get(KOPIA_PASSWORD);
    }

    /** Any other key (e.g. {@code AWS_ACCESS_KEY_ID}, {@code KOPIA_S3_ENDPOINT}). */
    public Optional<String> find(String key) {
        return secret.find(key);
    }

    /** All decoded keys and values, for the repository location parser. Never log the values. */
    public Map<String, String> data() {
        return secret.data();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RepositorySecret other && other.secret.equals(secret);
    }

    @Override
    public int hashCode() {
        return secret.hashCode();
    }

    @Override
    public String toString() {
        return "RepositorySecret[" + secret.namespace() + "/" + secret.name() + ", keys="
                + new java.util.TreeSet<>(secret.data().keySet()) + "]";
    }
}
