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
 * (cnpg-barman.md §1.1: CNPG's services are {@code <cluster>-rw|-ro|-r}).
 *
 * <p>{@link #find} reads a value only where a host can be, because configuration values include passwords and a
 * password fragment must never become an API path or reach a message: the whole value as a URL (its host part, after
 * any {@code user:password@}), a libpq key/value string ({@code host=...}), or a bare {@code host[:port]}; never the
 * tokens of arbitrary text. Under a key that names a host ({@code *HOST*}, {@code *URL*}, {@code *URI*}, {@code *DSN*},
 * {@code *ADDR*}, {@code *SERVER*}, {@code *ENDPOINT*}) any such host is a candidate (a Pooler may have any name);
 * under another key only a {@code postgres://}/{@code postgresql://} URL or a {@code <cluster>-rw|-ro|-r} service.
 * Every label must be a DNS-1123 label, so the namespace part is valid before any API call uses it. Only the host
 * itself is kept, never the rest of the value.
 *
 * @param text      the host exactly as written
 * @param service   its first label (the Service name)
 * @param namespace the namespace it names, or the reader's own namespace for a short name
 */
public record ServiceHost(String text, String service, String namespace) {
    private static final Pattern ROLE = Pattern.compile("(.+)-(rw|ro|r)");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern HOST_KEY = Pattern.compile("HOST|URL|URI|DSN|ADDR|SERVER|ENDPOINT",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://(?:[^/?#\\s]*@)?([^:/?#@\\s]+)"
            + "(?::\\d{1,5})?(?:[/?#]\\S*)?");
    private static final Pattern KEY_VALUE_HOST = Pattern.compile("(?:^|\\s)host\\s*=\\s*([^\\s']+)");
    private static final Pattern HOST_PORT = Pattern.compile("([^:/?#@\\s]+)(?::\\d{1,5})?");

    public ServiceHost {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(namespace, "namespace");
    }

    /**
     * The candidate hosts in the value of {@code key} (see the class comment for where they are looked for); short
     * names resolve to {@code ownNamespace}. Empty for a value of any other shape.
     */
    public static List<ServiceHost> find(String key, String value, String ownNamespace) {
        boolean hostKey = HOST_KEY.matcher(key).find();
        String v = value.strip();
        List<String> hosts = new ArrayList<>();
        boolean postgresUrl = false;
        Matcher url = URL.matcher(v);
        Matcher keyValue = KEY_VALUE_HOST.matcher(v);
        if (url.matches()) {
            hosts.add(url.group(2));
            postgresUrl = url.group(1).equalsIgnoreCase("postgres") || url.group(1).equalsIgnoreCase("postgresql");
        } else if (keyValue.find()) {
            hosts.addAll(List.of(keyValue.group(1).split(",")));
        } else {
            Matcher hostPort = HOST_PORT.matcher(v);
            if (hostPort.matches()) {
                hosts.add(hostPort.group(1));
            }
        }
        boolean anyShape = hostKey || postgresUrl;
        List<ServiceHost> out = new ArrayList<>();
        for (String host : hosts) {
            parse(host, ownNamespace).filter(h -> anyShape || h.clusterOfRoleService().isPresent())
                    .ifPresent(out::add);
        }
        return out;
    }

    private static java.util.Optional<ServiceHost> parse(String written, String ownNamespace) {
        String host = written.endsWith(".") ? written.substring(0, written.length() - 1) : written;
        String[] labels = host.split("\\.", -1);
        boolean qualified = switch (labels.length) {
            case 1, 2 -> true;
            case 3 -> labels[2].equals("svc");
            case 5 -> labels[2].equals("svc") && labels[3].equals("cluster") && labels[4].equals("local");
            default -> false;
        };
        if (!qualified || !LABEL.matcher(labels[0]).matches()
                || (labels.length > 1 && !LABEL.matcher(labels[1]).matches())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ServiceHost(host, labels[0], labels.length == 1 ? ownNamespace
                : labels[1]));
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
