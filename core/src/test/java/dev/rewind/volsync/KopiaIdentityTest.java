package dev.rewind.volsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every identity rule of volsync.md §2.1 / §2.2 (perfectra1n fork v0.17.11 builder.go). */
class KopiaIdentityTest {

    @Nested
    class Source {
        @Test
        void referenceClusterPaperlessNgx() {
            // volsync.md §2.1 example, matching the reference cluster's docs/KOPIA_UI_SNAPSHOT_VISIBILITY.md
            assertThat(KopiaIdentity.forSource(rs("paperless-ngx", "default", Optional.empty(), Optional.empty(),
                    Optional.empty()))).hasToString("paperless-ngx@default:/data");
        }

        @Test
        void namespaceIsNotAppendedToTheUsernameAndPvcPlaysNoPart() {
            ReplicationSource rs = new ReplicationSource("postgres-1", "postgresql-system", "some-other-pvc",
                    Trigger.schedule("0 */6 * * *"), false, kopia(Optional.empty(), Optional.empty(), Optional.empty()),
                    Map.of(), ReplicationSourceStatus.empty());
            KopiaIdentity id = KopiaIdentity.forSource(rs);
            assertThat(id.username()).isEqualTo("postgres-1");
            assertThat(id.hostname()).isEqualTo("postgresql-system");
            assertThat(id.userAtHost()).isEqualTo("postgres-1@postgresql-system");
        }

        @Test
        void overridesAreUsedVerbatim() {
            KopiaIdentity id = KopiaIdentity.forSource(rs("paperless-ngx", "default", Optional.of("archive"),
                    Optional.of("nas.home"), Optional.of("/library")));
            assertThat(id).hasToString("archive@nas.home:/library");
        }

        @Test
        void usernameOverrideAloneKeepsDerivedHostname() {
            assertThat(KopiaIdentity.forSource(rs("app", "media", Optional.of("custom"), Optional.empty(),
                    Optional.empty()))).hasToString("custom@media:/data");
        }

        @Test
        void hostnameOverrideAloneKeepsDerivedUsername() {
            assertThat(KopiaIdentity.forSource(rs("app", "media", Optional.empty(), Optional.of("h1"),
                    Optional.empty()))).hasToString("app@h1:/data");
        }

        @Test
        void sourcePathOverrideReplacesData() {
            assertThat(KopiaIdentity.forSource(rs("app", "media", Optional.empty(), Optional.empty(),
                    Optional.of("/config")))).hasToString("app@media:/config");
        }
    }

    @Nested
    class Sanitising {
        @ParameterizedTest(name = "username of ''{0}'' is ''{1}''")
        @CsvSource(delimiter = '|', value = {
                "paperless-ngx|paperless-ngx",
                "my.app|myapp",                  // dots dropped
                "my_app|my_app",                 // underscores kept
                "-_app_-|app",                   // leading/trailing - and _ trimmed
                "app.-|app",                     // '.' dropped, then '-' trimmed
                "ünïcode-app|ncode-app",         // non-ASCII dropped
                "...|volsync-default",           // empty after sanitising
                "a|a",
        })
        void usernameRules(String name, String expected) {
            assertThat(KopiaIdentity.deriveUsername(name)).isEqualTo(expected);
        }

        @Test
        void usernameIsTruncatedToFiftyCharactersAfterTrimming() {
            String name = "-" + "a".repeat(49) + "-bcdef";
            String username = KopiaIdentity.deriveUsername(name);
            assertThat(username).hasSize(50).isEqualTo("a".repeat(49) + "-");
        }

        @ParameterizedTest(name = "hostname of namespace ''{0}'' / name ''{1}'' is ''{2}''")
        @CsvSource(delimiter = '|', value = {
                "default|app|default",
                "my_ns|app|my-ns",                    // '_' becomes '-'
                "ns.example|app|ns.example",          // dots kept
                "._ns_.|app|ns",                      // '.', '-' trimmed after '_'→'-'
                "ns!@#|app|ns",                       // other characters dropped
                "___|my_app|my-app",                  // empty namespace → sanitised object name
                "___|...|volsync-default",            // both empty → default
        })
        void hostnameRules(String namespace, String name, String expected) {
            assertThat(KopiaIdentity.deriveHostname(namespace, name)).isEqualTo(expected);
        }
    }

    @Nested
    class Destination {
        @Test
        void sourceIdentityUsesSourceNameAndDestinationNamespace() {
            ReplicationDestination rd = rd("paperless-ngx-dst", "default", Optional.of(SourceIdentity.of("paperless-ngx")),
                    Optional.empty(), Optional.empty());
            assertThat(KopiaIdentity.forDestination(rd, Optional.empty())).hasToString("paperless-ngx@default:/data");
        }

        @Test
        void withoutSourceIdentityTheRdNameIsTheUsername() {
            // volsync.md §2.2: an RD named paperless-ngx-dst without sourceIdentity finds nothing
            ReplicationDestination rd = rd("paperless-ngx-dst", "default", Optional.empty(), Optional.empty(),
                    Optional.empty());
            assertThat(KopiaIdentity.forDestination(rd, Optional.empty())).hasToString("paperless-ngx-dst@default:/data");
        }

        @Test
        void sourceNamespaceOverridesTheRdNamespace() {
            SourceIdentity si = new SourceIdentity("app", Optional.of("prod_ns"), Optional.empty(), Optional.empty());
            ReplicationDestination rd = rd("app-restore", "scratch", Optional.of(si), Optional.empty(), Optional.empty());
            assertThat(KopiaIdentity.forDestination(rd, Optional.empty())).hasToString("app@prod-ns:/data");
        }

        @Test
        void explicitUsernameAndHostnameWin() {
            ReplicationDestination rd = rd("x", "default", Optional.of(SourceIdentity.of("app")), Optional.of("u"),
                    Optional.of("h"));
            assertThat(KopiaIdentity.forDestination(rd, Optional.empty())).hasToString("u@h:/data");
        }

        @Test
        void onlyOneExplicitPartIsRejected() {
            ReplicationDestination rd = rd("x", "default", Optional.empty(), Optional.of("u"), Optional.empty());
            assertThatThrownBy(() -> KopiaIdentity.forDestination(rd, Optional.empty()))
                    .isInstanceOfSatisfying(RewindException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("default/x").contains("username").contains("hostname");
                    });
        }

        @Test
        void sourceIdentityDoesNotCarryTheRsUsernameOverride() {
            ReplicationSource source = rs("app", "default", Optional.of("custom-user"), Optional.of("custom-host"),
                    Optional.empty());
            ReplicationDestination rd = rd("app-dst", "default", Optional.of(SourceIdentity.of("app")),
                    Optional.empty(), Optional.empty());
            assertThat(KopiaIdentity.forDestination(rd, Optional.of(source))).hasToString("app@default:/data");
            assertThat(KopiaIdentity.forSource(source)).isNotEqualTo(KopiaIdentity.forDestination(rd, Optional.of(source)));
        }

        @Test
        void pathOverrideIsAutoDiscoveredFromTheSource() {
            ReplicationSource source = rs("app", "default", Optional.empty(), Optional.empty(), Optional.of("/config"));
            ReplicationDestination rd = rd("app-dst", "default", Optional.of(SourceIdentity.of("app")),
                    Optional.empty(), Optional.empty());
            assertThat(KopiaIdentity.forDestination(rd, Optional.of(source))).hasToString("app@default:/config");
        }

        @Test
        void explicitSourceIdentityPathWinsOverTheSource() {
            ReplicationSource source = rs("app", "default", Optional.empty(), Optional.empty(), Optional.of("/config"));
            SourceIdentity si = new SourceIdentity("app", Optional.empty(), Optional.empty(), Optional.of("/other"));
            ReplicationDestination rd = rd("app-dst", "default", Optional.of(si), Optional.empty(), Optional.empty());
            assertThat(KopiaIdentity.forDestination(rd, Optional.of(source))).hasToString("app@default:/other");
        }

        @Test
        void sourcePvcNameDisablesAutoDiscoveryOfThePath() {
            ReplicationSource source = rs("app", "default", Optional.empty(), Optional.empty(), Optional.of("/config"));
            SourceIdentity si = new SourceIdentity("app", Optional.empty(), Optional.of("app"), Optional.empty());
            ReplicationDestination rd = rd("app-dst", "default", Optional.of(si), Optional.empty(), Optional.empty());
            assertThat(KopiaIdentity.forDestination(rd, Optional.of(source))).hasToString("app@default:/data");
        }

        @Test
        void explicitHostnameSkipsSourceIdentityPath() {
            SourceIdentity si = new SourceIdentity("app", Optional.empty(), Optional.empty(), Optional.of("/other"));
            ReplicationDestination rd = rd("app-dst", "default", Optional.of(si), Optional.of("u"), Optional.of("h"));
            assertThat(KopiaIdentity.forDestination(rd, Optional.empty())).hasToString("u@h:/data");
        }

        @Test
        void aSourceInAnotherNamespaceIsNotUsedForDiscovery() {
            ReplicationSource source = rs("app", "other", Optional.empty(), Optional.empty(), Optional.of("/config"));
            ReplicationDestination rd = rd("app-dst", "default", Optional.of(SourceIdentity.of("app")),
                    Optional.empty(), Optional.empty());
            assertThat(KopiaIdentity.forDestination(rd, Optional.of(source))).hasToString("app@default:/data");
        }
    }

    @Nested
    class Parsing {
        @Test
        void roundTripsKopiaSourceSyntax() {
            KopiaIdentity id = KopiaIdentity.parse("paperless-ngx@default:/data");
            assertThat(id).isEqualTo(new KopiaIdentity("paperless-ngx", "default", "/data"));
            assertThat(KopiaIdentity.parse(id.toString())).isEqualTo(id);
        }

        @ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {"paperless-ngx", "@default:/data", "u@:/data",
                "u@h", "u@h:"})
        void rejectsIncompleteSources(String text) {
            assertThatThrownBy(() -> KopiaIdentity.parse(text))
                    .isInstanceOfSatisfying(RewindException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("'" + text + "'");
                    });
        }
    }

    static KopiaSourceSpec kopia(Optional<String> username, Optional<String> hostname, Optional<String> path) {
        return new KopiaSourceSpec("app-volsync-secret", CopyMethod.SNAPSHOT, Optional.empty(), Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                OptionalInt.empty(), Retain.none(), username, hostname, path, Optional.empty(), Optional.empty(),
                List.of());
    }

    static ReplicationSource rs(String name, String namespace, Optional<String> username, Optional<String> hostname,
                                Optional<String> path) {
        return new ReplicationSource(name, namespace, name, Trigger.schedule("0 * * * *"), false,
                kopia(username, hostname, path), Map.of(), ReplicationSourceStatus.empty());
    }

    static ReplicationDestination rd(String name, String namespace, Optional<SourceIdentity> si,
                                     Optional<String> username, Optional<String> hostname) {
        KopiaDestinationSpec kopia = new KopiaDestinationSpec(Optional.empty(), CopyMethod.SNAPSHOT, Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), false, false, false, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), si,
                username, hostname, Optional.empty());
        return new ReplicationDestination(name, namespace, Trigger.manual("restore-once"), false, kopia, Map.of(),
                ReplicationDestinationStatus.empty());
    }
}
