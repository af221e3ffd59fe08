package dev.rewind.restore.wholeapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host name found in an app's configuration that may name a Kubernetes Service of a CNPG cluster: a first label
 * such as {@code postgres-rw} (cluster {@code postgres}, role {@code rw}; also {@code -ro}, {@code -r}) or a Pooler's
 * name, optionally qualified as {@code .<ns>}, {@code .<ns>.svc} or {@code .<ns>.svc.cluster.local}
 * (cnpg-barman.md §1.1: CNPG's services are {@code <cluster>-rw|-ro|-r}). Found inside any value, e.g. a URL
 * {@code postgresql://u:p@postgres-rw.db.svc:5432/app}; only the host itself is kept, never the rest of the value.
 *
 * @param text      the host exactly as written
 * @param service   its first label (the Service name)
 * @param namespace the namespace it names, or the reader's own namespace for a short name
 */
public record ServiceHost(String text, String service, String namespace) {
    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");
    private static final Pattern ROLE = Pattern.compile("(.+)-(rw|ro|r)");

    public ServiceHost {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** Every candidate host in {@code value}; short names resolve to {@code ownNamespace}. */
    public static List<ServiceHost> scan(String value, String ownNamespace) {
        List<ServiceHost> out = new ArrayList<>();
        Matcher m = RUN.matcher(value);
        while (m.find()) {
            String run = m.group();
            String host = run.endsWith(".") ? run.substring(0, run.length() - 1) : run;
            String[] labels = host.split("\\.", -1);
            boolean qualified = switch (labels.length) {
                case 1, 2 -> true;
                case 3 -> labels[2].equals("svc");
                case 5 -> labels[2].equals("svc") && labels[3].equals("cluster") && labels[4].equals("local");
                default -> false;
            };
            if (qualified && !labels[0].isEmpty() && (labels.length == 1 || !labels[1].isEmpty())) {
                out.add(new ServiceHost(host, labels[0], labels.length == 1 ? ownNamespace : labels[1]));
            }
        }
        return out;
    }

    /** The cluster a {@code <cluster>-rw|-ro|-r} service belongs to, if the name has that shape. */
    public java.util.Optional<String> clusterOfRoleService() {
        Matcher m = ROLE.matcher(service);
        return m.matches() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /** The same qualification with another Service name: {@code postgres-rw.db.svc} → {@code <service>.db.svc}. */
    public String withService(String newService) {
        return newService + text.substring(service.length());
    }

    /**
     * Replaces this host, as a whole token, by {@code replacement} in {@code value} (a longer host that merely
     * starts with it is left alone).
     */
    public static String replace(String value, String host, String replacement) {
        return Pattern.compile("(?<![A-Za-z0-9.-])" + Pattern.quote(host) + "(?![A-Za-z0-9-]|\\.[A-Za-z0-9])")
                .matcher(value).replaceAll(Matcher.quoteReplacement(replacement));
    }

    /** Whether {@code value} contains {@code host} as a whole token. */
    public static boolean contains(String value, String host) {
        return !replace(value, host, "\u0000").equals(value);
    }
}
