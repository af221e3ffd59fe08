package dev.rewind.cli;

import java.util.Optional;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the jar manifest's Implementation-Version ({@code dev} when run from classes) and the JVM. */
public final class ManifestVersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "rewind " + version(),
            "java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")",
        };
    }

    /** The version of the running jar, or {@code dev}. */
    public static String version() {
        return Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("dev");
    }
}
