package dev.rewind.barman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackupInfoTest {
    private static final BackupId ID = BackupId.of("20260821T000012");

    /** The illustrative plugin backup.info of cnpg-barman.md §3.2. */
    private static final String REFERENCE = """
            backup_label='START WAL LOCATION: 3/25000028 (file 000000010000000300000025)\\nCHECKPOINT LOCATION: 3/25000060\\nBACKUP METHOD: streamed\\nBACKUP FROM: standby\\nSTART TIME: 2026-08-21 00:00:12 UTC\\nLABEL: Barman backup cloud 20260821T000012\\nSTART TIMELINE: 1\\n'
            backup_name=backup-20260821000008
            begin_offset=40
            begin_time=2026-08-21 00:00:12.402118+00:00
            begin_wal=000000010000000300000025
            begin_xlog=3/25000028
            children_backup_ids=None
            cluster_size=412093440
            compression=None
            config_file=/var/lib/postgresql/data/pgdata/postgresql.conf
            copy_stats={'total_time': 41.2, 'number_of_workers': 2, 'copy_time': 39.8}
            data_checksums=on
            deduplicated_size=None
            encryption=None
            end_offset=96
            end_time=2026-08-21 00:00:55.118024+00:00
            end_wal=000000010000000300000026
            end_xlog=3/26000060
            error=None
            server_name=cloud
            size=None
            status=DONE
            systemid=7405123456789012345
            tablespaces=None
            timeline=1
            version=170005
            xlog_segment_size=16777216
            """;

    @Test
    void parsesTheReferenceFile() {
        BackupInfo info = BackupInfo.parse(ID, REFERENCE, "pg/base/20260821T000012/backup.info");
        assertThat(info.status()).isEqualTo(BackupStatus.DONE);
        assertThat(info.isDone()).isTrue();
        assertThat(info.beginAt()).contains(Instant.parse("2026-08-21T00:00:12.402118Z"));
        assertThat(info.endAt()).contains(Instant.parse("2026-08-21T00:00:55.118024Z"));
        assertThat(info.beginWal()).contains(WalName.parse("000000010000000300000025"));
        assertThat(info.endWal()).contains(WalName.parse("000000010000000300000026"));
        assertThat(info.beginLsn()).contains(Lsn.parse("3/25000028"));
        assertThat(info.endLsn()).contains(Lsn.parse("3/26000060"));
        assertThat(info.timeline()).isEqualTo(1);
        assertThat(info.systemId()).contains("7405123456789012345");
        assertThat(info.backupName()).contains("backup-20260821000008");
        assertThat(info.error()).isEmpty();
        assertThat(info.segmentSize()).isEqualTo(WalSegmentSize.DEFAULT);
        assertThat(info.postgresVersion()).contains(170005);
        assertThat(info.field("copy_stats")).contains("{'total_time': 41.2, 'number_of_workers': 2, 'copy_time': 39.8}");
        assertThat(info.field("size")).isEmpty();
        assertThat(info.backupLabel().orElseThrow())
                .startsWith("START WAL LOCATION: 3/25000028 (file 000000010000000300000025)\nCHECKPOINT")
                .endsWith("START TIMELINE: 1\n");
    }

    @Test
    void acceptsTimesWithoutMicrosecondsOrOffset() {
        String text = "status=FAILED\ntimeline=2\nbegin_time=2024-01-01 12:00:00+02:00\n"
                + "end_time=2024-01-01 12:00:05\nerror=failure uploading data (boom)\n\n# comment\n";
        BackupInfo info = BackupInfo.parse(ID, text, "x/backup.info");
        assertThat(info.beginAt()).contains(Instant.parse("2024-01-01T10:00:00Z"));
        assertThat(info.endAt()).contains(Instant.parse("2024-01-01T12:00:05Z"));
        assertThat(info.status()).isEqualTo(BackupStatus.FAILED);
        assertThat(info.error()).contains("failure uploading data (boom)");
        assertThat(info.isDone()).isFalse();
        assertThat(info.beginWal()).isEmpty();
    }

    @Test
    void unknownStatusAndNewKeysAreKept() {
        BackupInfo info = BackupInfo.parse(ID, "status=WHATEVER\ntimeline=1\nnew_key=a=b\n", "x");
        assertThat(info.status()).isEqualTo(BackupStatus.UNKNOWN);
        assertThat(info.field("new_key")).contains("a=b");
    }

    @Test
    void missingStatusIsCorruptNamingTheBlob() {
        assertThatThrownBy(() -> BackupInfo.parse(ID, "timeline=1\n", "pg/base/20260821T000012/backup.info"))
                .isInstanceOf(RewindException.class)
                .hasMessageContaining("pg/base/20260821T000012/backup.info").hasMessageContaining("status")
                .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.CORRUPT);
    }

    @Test
    void malformedValuesAreCorruptNamingTheBlob() {
        for (String bad : new String[] {"status=DONE\ntimeline=x\n", "status=DONE\ntimeline=1\nbegin_wal=XYZ\n",
                "status=DONE\ntimeline=1\nend_time=yesterday\n", "status=DONE\nno equals sign\n"}) {
            assertThatThrownBy(() -> BackupInfo.parse(ID, bad, "pg/base/20260821T000012/backup.info"))
                    .as(bad).isInstanceOf(RewindException.class)
                    .hasMessageContaining("pg/base/20260821T000012/backup.info")
                    .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.CORRUPT);
        }
    }

    @Test
    void backupIdsAreValidated() {
        assertThatThrownBy(() -> BackupId.of("2026-08-21")).isInstanceOf(RewindException.class)
                .hasMessageContaining("'2026-08-21'");
    }
}
