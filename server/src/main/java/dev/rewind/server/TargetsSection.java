package dev.rewind.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code repositories}, {@code archives} and {@code notifications} sections of the server configuration
 * (see {@link ServerConfigReader} for the format). Every error names the exact field, e.g.
 * {@code config error: repositories[0].quickVerify.cron: invalid cron expression "…": …}.
 */
final class TargetsSection {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([smhd])");
    private static final double DEFAULT_DEEP_SAMPLE_PERCENT = 10;

    private final Path base;

    TargetsSection(Path base) {
        this.base = base;
    }

    List<RepositoryTarget> repositories(JsonNode list) {
        List<RepositoryTarget> result = new ArrayList<>();
        for (int i = 0; i < size(list, "repositories"); i++) {
            String at = "repositories[" + i + "]";
            JsonNode node = list.get(i);
            ServerConfigReader.checkKeys(node, at + ".", Set.of("name", "url", "passwordFile", "maxSnapshotAge",
                    "quickVerify", "deepVerify"));
            TargetName name = name(node, at);
            String url = location(required(node, at, "url"), at + ".url");
            Path passwordFile = base.resolve(required(node, at, "passwordFile")).normalize();
            if (!Files.isRegularFile(passwordFile)) {
                throw ServerConfig.invalid(at + ".passwordFile", "file not found: " + passwordFile);
            }
            result.add(new RepositoryTarget(name, url, passwordFile,
                    schedule(node.path("quickVerify"), at + ".quickVerify", 0),
                    schedule(node.path("deepVerify"), at + ".deepVerify", DEFAULT_DEEP_SAMPLE_PERCENT),
                    duration(node.path("maxSnapshotAge"), at + ".maxSnapshotAge")));
        }
        return result;
    }

    List<ArchiveTarget> archives(JsonNode list) {
        List<ArchiveTarget> result = new ArrayList<>();
        for (int i = 0; i < size(list, "archives"); i++) {
            String at = "archives[" + i + "]";
            JsonNode node = list.get(i);
            ServerConfigReader.checkKeys(node, at + ".", Set.of("name", "url", "serverName", "maxBackupAge",
                    "maxWalAge", "barmanVerify"));
            TargetName name = name(node, at);
            String url = location(required(node, at, "url"), at + ".url");
            String serverName = optionalText(node.path("serverName"), at + ".serverName").orElse(name.value());
            if (serverName.isBlank() || serverName.contains("/")) {
                throw ServerConfig.invalid(at + ".serverName", "must be a folder name without '/', got \""
                        + serverName + "\"");
            }
            result.add(new ArchiveTarget(name, url, serverName,
                    schedule(node.path("barmanVerify"), at + ".barmanVerify", 0),
                    duration(node.path("maxBackupAge"), at + ".maxBackupAge"),
                    duration(node.path("maxWalAge"), at + ".maxWalAge")));
        }
        return result;
    }

    Optional<ClusterStore> cluster(JsonNode node, Optional<String> jdbcUrlOverride) {
        if ((node.isMissingNode() || node.isNull()) && jdbcUrlOverride.isEmpty()) {
            return Optional.empty();
        }
        ServerConfigReader.checkKeys(node, "scheduler.", Set.of("jdbcUrl", "user", "passwordFile"));
        String field = jdbcUrlOverride.isPresent() ? ServerConfigReader.JDBC_URL_ENV : "scheduler.jdbcUrl";
        String url = jdbcUrlOverride.orElseGet(() -> required(node, "scheduler", "jdbcUrl"));
        if (!url.startsWith("jdbc:postgresql://")) {
            throw ServerConfig.invalid(field, "must be a jdbc:postgresql:// URL, got \"" + url.replaceAll("\\?.*", "")
                    + "\"");
        }
        String user = optionalText(node.path("user"), "scheduler.user").orElse("rewind");
        Optional<Path> passwordFile = optionalText(node.path("passwordFile"), "scheduler.passwordFile")
                .map(p -> base.resolve(p).normalize());
        passwordFile.filter(p -> !Files.isRegularFile(p)).ifPresent(p -> {
            throw ServerConfig.invalid("scheduler.passwordFile", "file not found: " + p);
        });
        return Optional.of(new ClusterStore(url, user, passwordFile));
    }

    static List<NotificationTarget> notifications(JsonNode list) {
        List<NotificationTarget> result = new ArrayList<>();
        for (int i = 0; i < size(list, "notifications"); i++) {
            String at = "notifications[" + i + "]";
            JsonNode node = list.get(i);
            ServerConfigReader.checkKeys(node, at + ".", Set.of("type", "url"));
            String type = required(node, at, "type");
            URI url = httpUrl(required(node, at, "url"), at + ".url");
            result.add(switch (type) {
                case "webhook" -> new NotificationTarget.Webhook(url);
                case "ntfy" -> new NotificationTarget.Ntfy(url);
                default -> throw ServerConfig.invalid(at + ".type", "must be webhook or ntfy, got \"" + type + "\"");
            });
        }
        return result;
    }

    /** Parses {@code 30s}, {@code 15m}, {@code 26h}, {@code 7d} or ISO-8601 ({@code PT26H}); must be positive. */
    static Duration parseDuration(String text, String field) {
        String value = text.strip();
        Duration result;
        Matcher m = SHORT_DURATION.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            result = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                result = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw ServerConfig.invalid(field, "must be a duration like 30m, 26h, 7d or PT26H, got \"" + text
                        + "\"");
            }
        }
        if (result.isZero() || result.isNegative()) {
            throw ServerConfig.invalid(field, "must be positive, got \"" + text + "\"");
        }
        return result;
    }

    private String location(String url, String field) {
        if (url.isBlank()) {
            throw ServerConfig.invalid(field, "must not be empty");
        }
        if (url.contains("://") || url.startsWith("/")) {
            return url;
        }
        return base.resolve(url).normalize().toString(); // a relative filesystem path, relative to the config file
    }

    private static URI httpUrl(String text, String field) {
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw ServerConfig.invalid(field, "must be an http:// or https:// URL, got \"" + text + "\"");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ServerConfig.invalid(field, "not a valid URL: \"" + text + "\"");
        }
    }

    private static Optional<Schedule> schedule(JsonNode node, String field, double defaultSamplePercent) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        ServerConfigReader.checkKeys(node, field + ".", Set.of("cron", "samplePercent"));
        String cron = required(node, field, "cron");
        Schedule.cronProblem(cron).ifPresent(problem -> {
            throw ServerConfig.invalid(field + ".cron", "invalid cron expression \"" + cron + "\": " + problem
                    + " (Quartz syntax, seconds first: \"0 0/15 * * * ?\")");
        });
        double percent = defaultSamplePercent;
        JsonNode sample = node.path("samplePercent");
        if (!sample.isMissingNode() && !sample.isNull()) {
            if (!sample.isNumber() || !(sample.doubleValue() >= 0 && sample.doubleValue() <= 100)) {
                throw ServerConfig.invalid(field + ".samplePercent", "must be a number 0..100, got " + sample);
            }
            percent = sample.doubleValue();
        }
        return Optional.of(new Schedule(cron, percent));
    }

    private static Optional<Duration> duration(JsonNode node, String field) {
        return optionalText(node, field).map(text -> parseDuration(text, field));
    }

    private static TargetName name(JsonNode node, String at) {
        String name = required(node, at, "name");
        if (!TargetName.isValid(name)) {
            throw ServerConfig.invalid(at + ".name", "must be 1..63 lower-case letters, digits, '-', '_' or '.', "
                    + "starting with a letter or digit, got \"" + name + "\"");
        }
        return new TargetName(name);
    }

    private static int size(JsonNode list, String field) {
        if (list.isMissingNode() || list.isNull()) {
            return 0;
        }
        if (!list.isArray()) {
            throw ServerConfig.invalid(field, "must be a list, got " + list.getNodeType());
        }
        return list.size();
    }

    static String required(JsonNode node, String at, String key) {
        return optionalText(node.path(key), at + "." + key)
                .orElseThrow(() -> ServerConfig.invalid(at + "." + key, "is required"));
    }

    static Optional<String> optionalText(JsonNode value, String field) {
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString() && !value.isNumber()) {
            throw ServerConfig.invalid(field, "must be a string, got " + value.getNodeType());
        }
        return Optional.of(value.asString());
    }
}
