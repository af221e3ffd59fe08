package dev.rewind.kopia.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContentBuffersTest {
    private static final int MIB = 1 << 20;

    @Test
    void anArrayLongEnoughIsReusedAndAShortOneReplacedByALongerOne() {
        ContentBuffers buffers = new ContentBuffers();

        byte[] first = buffers.stored(3 * MIB + 28);
        assertThat(first).hasSize(4 * MIB);
        assertThat(buffers.stored(100)).isSameAs(first);
        assertThat(buffers.stored(4 * MIB)).isSameAs(first);
        byte[] second = buffers.stored(4 * MIB + 1);
        assertThat(second).hasSize(8 * MIB);
        assertThat(buffers.plain(10)).hasSize(MIB);
        assertThat(buffers.decompressed(0)).isEmpty();
        assertThat(buffers.heldBytes()).isEqualTo(9L * MIB);
    }

    @Test
    void growthDoublesAndNeverPasses16MiB() {
        assertThat(ContentBuffers.grown(0, 1)).isEqualTo(MIB);
        assertThat(ContentBuffers.grown(3 * MIB, 3 * MIB + 5)).isEqualTo(6 * MIB);
        assertThat(ContentBuffers.grown(6 * MIB, 7 * MIB)).isEqualTo(12 * MIB);
        assertThat(ContentBuffers.grown(12 * MIB, 12 * MIB + 1)).isEqualTo(16 * MIB);
        assertThat(ContentBuffers.grown(0, 16 * MIB)).isEqualTo(16 * MIB);
        assertThat(ContentBuffers.fits(16 * MIB)).isTrue();
        assertThat(ContentBuffers.fits(16 * MIB + 1)).isFalse();
        assertThatThrownBy(() -> new ContentBuffers().stored(16 * MIB + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aViewCoversAPrefixOfItsArray() {
        byte[] bytes = new byte[10];

        assertThat(new ContentView(bytes, 4).length()).isEqualTo(4);
        assertThat(ContentView.of(bytes).length()).isEqualTo(10);
        assertThatThrownBy(() -> new ContentView(bytes, 11)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new ContentView(bytes, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
