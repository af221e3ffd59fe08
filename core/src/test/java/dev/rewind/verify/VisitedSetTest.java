package dev.rewind.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.content.ContentId;
import dev.rewind.kopia.object.ObjectId;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class VisitedSetTest {
    private static ContentId content(char prefix, int n) {
        byte[] hash = ByteBuffer.allocate(32).putInt(n * 0x9E3779B1).putInt(n).array();
        return new ContentId(prefix, hash);
    }

    @Test
    void raisesStatesMonotonicallyAndGrowsWithoutLosingKeys() {
        VisitedSet set = new VisitedSet();
        for (int i = 0; i < 50_000; i++) {
            assertThat(set.raise(content((char) 0, i), VisitedSet.STRUCTURE)).isEqualTo(VisitedSet.NONE);
        }
        assertThat(set.size()).isEqualTo(50_000);
        for (int i = 0; i < 50_000; i++) {
            assertThat(set.raise(content((char) 0, i), VisitedSet.DECRYPTED)).isEqualTo(VisitedSet.STRUCTURE);
        }
        assertThat(set.raise(content((char) 0, 7), VisitedSet.STRUCTURE)).isEqualTo(VisitedSet.DECRYPTED);
        assertThat(set.raise(content((char) 0, 7), VisitedSet.BROKEN)).isEqualTo(VisitedSet.DECRYPTED);
        assertThat(set.raise(content((char) 0, 7), VisitedSet.DECRYPTED)).isEqualTo(VisitedSet.BROKEN);
        assertThat(set.size()).isEqualTo(50_000);
    }

    @Test
    void prefixAndIndirectionDistinguishKeys() {
        VisitedSet set = new VisitedSet();
        ContentId plain = content((char) 0, 1);
        ContentId directory = content('k', 1);
        set.raise(plain, VisitedSet.STRUCTURE);
        assertThat(set.raise(directory, VisitedSet.STRUCTURE)).isEqualTo(VisitedSet.NONE);
        assertThat(set.raise(ObjectId.direct(directory), VisitedSet.STRUCTURE)).isEqualTo(VisitedSet.NONE);
        assertThat(set.raise(ObjectId.indirect(ObjectId.direct(directory)), VisitedSet.STRUCTURE))
                .isEqualTo(VisitedSet.NONE);
    }
}
