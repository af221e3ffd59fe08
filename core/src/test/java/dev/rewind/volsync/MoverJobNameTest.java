package dev.rewind.volsync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** volsync.md §4.5 naming. */
class MoverJobNameTest {

    @Test
    void shortNamesArePrefixed() {
        assertThat(MoverJobName.forSource("paperless-ngx")).isEqualTo("volsync-src-paperless-ngx");
        assertThat(MoverJobName.forDestination("paperless-ngx-dst")).isEqualTo("volsync-dst-paperless-ngx-dst");
    }

    @Test
    void namesOver63CharactersUseTheCrc32OfTheObjectName() {
        String name = "a-very-long-replication-source-name-for-an-application-xyz";
        assertThat(("volsync-src-" + name).length()).isGreaterThan(63);
        assertThat(MoverJobName.forSource(name)).isEqualTo("volsync-src-3bb9de89");   // zlib.crc32 of the name
    }

    @Test
    void exactly63CharactersIsKept() {
        String name = "x".repeat(63 - "volsync-src-".length());
        assertThat(MoverJobName.forSource(name)).hasSize(63).endsWith(name);
    }
}
