package dev.rewind.kopia.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceInfoTest {

    @Test
    void parsesVolsyncStyleSource() {
        SourceInfo source = SourceInfo.parse("paperless-ngx@default:/data");

        assertThat(source).isEqualTo(new SourceInfo("paperless-ngx", "default", "/data"));
        assertThat(source.toString()).isEqualTo("paperless-ngx@default:/data");
    }

    @Test
    void userEndsAtFirstAtAndHostAtFirstColonSoPathsMayContainBoth() {
        assertThat(SourceInfo.parse("u@h:/srv/a@b:c")).isEqualTo(new SourceInfo("u", "h", "/srv/a@b:c"));
        assertThat(SourceInfo.parse("admin@WORKSTATION:C:\\Users\\me")).isEqualTo(
                new SourceInfo("admin", "WORKSTATION", "C:\\Users\\me"));
        assertThat(SourceInfo.parse("u@h.example.com:/data").host()).isEqualTo("h.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"paperless-ngx@default:/data", "u@h:/srv/a@b:c", "admin@WORKSTATION:C:\\Users\\me",
            "u@h"})
    void formatRoundTrips(String text) {
        assertThat(SourceInfo.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void userAtHostWithoutPathHasEmptyPath() {
        assertThat(SourceInfo.parse("maintenance@volsync")).isEqualTo(new SourceInfo("maintenance", "volsync", ""));
        assertThat(new SourceInfo("", "", "").toString()).isEqualTo("(global)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/data", "user@", "@host:/data", "u:x@h:/p", "", "hostonly"})
    void rejectsWhatKopiaWouldTreatAsALocalPathOrAnError(String text) {
        assertThatThrownBy(() -> SourceInfo.parse(text)).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
            assertThat(e.getMessage()).contains("'" + text + "'");
        });
    }

    @Test
    void snapshotLabelsOmitEmptyUserAndPathLikeKopia() {
        assertThat(SourceInfo.parse("u@h:/data").snapshotLabels()).containsExactly(
                java.util.Map.entry("type", "snapshot"), java.util.Map.entry("hostname", "h"),
                java.util.Map.entry("username", "u"), java.util.Map.entry("path", "/data"));
        assertThat(new SourceInfo("", "h", "").snapshotLabels()).containsOnlyKeys("type", "hostname");
    }

    @Test
    void sourcesSortByTextForm() {
        TreeSet<SourceInfo> sorted = new TreeSet<>(List.of(SourceInfo.parse("b@ns:/data"),
                SourceInfo.parse("a@ns:/data"), SourceInfo.parse("a@ms:/data")));

        assertThat(sorted).extracting(SourceInfo::toString).containsExactly("a@ms:/data", "a@ns:/data", "b@ns:/data");
    }
}
