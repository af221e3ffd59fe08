package dev.rewind.barman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import org.junit.jupiter.api.Test;

class WalNameTest {
    private static final WalSegmentSize MIB_16 = WalSegmentSize.DEFAULT;
    private static final WalSegmentSize MIB_1 = WalSegmentSize.ofMebibytes(1);
    private static final WalSegmentSize MIB_64 = WalSegmentSize.ofMebibytes(64);
    private static final WalSegmentSize GIB_1 = WalSegmentSize.ofMebibytes(1024);

    @Test
    void parsesAndFormatsUppercase() {
        WalName name = WalName.parse("00000002000000030000002a");
        assertThat(name).isEqualTo(new WalName(2, 3, 0x2A));
        assertThat(name.toString()).isEqualTo("00000002000000030000002A");
        assertThat(name.hashDir()).isEqualTo("0000000200000003");
    }

    @Test
    void successorWrapsAfterFfFor16MiB() {
        assertThat(WalName.parse("0000000100000000000000FF").next(MIB_16))
                .hasToString("000000010000000100000000");
        assertThat(WalName.parse("000000010000000100000000").previous(MIB_16))
                .hasToString("0000000100000000000000FF");
        assertThat(WalName.parse("0000000100000000000000FE").next(MIB_16)).hasToString("0000000100000000000000FF");
    }

    @Test
    void segmentsPerLogFollowTheSegmentSize() {
        assertThat(MIB_16.segmentsPerLog()).isEqualTo(256);
        assertThat(MIB_1.segmentsPerLog()).isEqualTo(4096);
        assertThat(MIB_64.segmentsPerLog()).isEqualTo(64);
        assertThat(GIB_1.segmentsPerLog()).isEqualTo(4);
        assertThat(WalName.parse("000000010000000500000FFF").next(MIB_1)).hasToString("000000010000000600000000");
        assertThat(WalName.parse("000000010000000500000100").next(MIB_1)).hasToString("000000010000000500000101");
        assertThat(WalName.parse("00000001000000050000003F").next(MIB_64)).hasToString("000000010000000600000000");
        assertThat(WalName.parse("000000010000000500000003").next(GIB_1)).hasToString("000000010000000600000000");
        assertThat(WalName.parse("000000010000000600000000").previous(GIB_1)).hasToString("000000010000000500000003");
    }

    @Test
    void successorNeverChangesTheTimeline() {
        assertThat(WalName.parse("0000000300000000000000FF").next(MIB_16).timeline()).isEqualTo(3);
    }

    @Test
    void segmentIndexBeyondTheSizeIsRejected() {
        assertThatThrownBy(() -> WalName.parse("000000010000000000000040").next(MIB_64))
                .isInstanceOf(RewindException.class)
                .hasMessageContaining("000000010000000000000040")
                .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.INVALID_INPUT);
    }

    @Test
    void firstSegmentHasNoPredecessor() {
        assertThatThrownBy(() -> WalName.parse("000000010000000000000000").previous(MIB_16))
                .hasMessageContaining("000000010000000000000000");
    }

    @Test
    void lsnMapsToItsSegment() {
        Lsn lsn = Lsn.parse("3/26000060");
        assertThat(lsn.value()).isEqualTo(0x3_2600_0060L);
        assertThat(lsn).hasToString("3/26000060");
        assertThat(WalName.fromLsn(lsn, 1, MIB_16)).hasToString("000000010000000300000026");
        assertThat(lsn.offsetInSegment(MIB_16)).isEqualTo(0x60);
        assertThat(WalName.fromLsn(lsn, 1, MIB_1)).hasToString("000000010000000300000260");
        assertThat(WalName.fromLsn(Lsn.parse("0/FFFFFFFF"), 2, MIB_16)).hasToString("0000000200000000000000FF");
        assertThat(WalName.parse("000000010000000300000026").startLsn(MIB_16)).isEqualTo(Lsn.parse("3/26000000"));
    }

    @Test
    void segmentNumbersAreContinuousAcrossLogs() {
        WalName last = WalName.parse("0000000100000000000000FF");
        assertThat(last.next(MIB_16).segmentNumber(MIB_16)).isEqualTo(last.segmentNumber(MIB_16) + 1);
        assertThat(WalName.fromSegmentNumber(1, 4096 * 2 + 5, MIB_1)).hasToString("000000010000000200000005");
    }

    @Test
    void malformedNamesAndLsnsAreInvalidInputNamingTheText() {
        assertThatThrownBy(() -> WalName.parse("00000001000000000000000"))
                .isInstanceOf(RewindException.class).hasMessageContaining("'00000001000000000000000'");
        assertThatThrownBy(() -> WalName.parse("000000000000000000000001"))
                .isInstanceOf(RewindException.class).hasMessageContaining("timeline 0");
        assertThatThrownBy(() -> Lsn.parse("3-26"))
                .isInstanceOf(RewindException.class).hasMessageContaining("'3-26'")
                .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.INVALID_INPUT);
        assertThatThrownBy(() -> WalSegmentSize.ofBytes(3 * 1024 * 1024))
                .isInstanceOf(RewindException.class).hasMessageContaining("3145728");
    }

    @Test
    void namesOrderByTimelineLogSegment() {
        assertThat(WalName.parse("000000010000000200000000")).isGreaterThan(WalName.parse("0000000100000001000000FF"));
        assertThat(WalName.parse("000000020000000000000000")).isGreaterThan(WalName.parse("0000000100000001000000FF"));
    }
}
