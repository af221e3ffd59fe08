package dev.rewind.kopia.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.content.ContentId;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.InMemoryBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The real epoch index blob written by kopia 0.20.1 into shitcoding/kopia-android testvectors/test_repository
 * (copied from the shared test data; the repository and its keys are public test data, password {@code test123}).
 * Decrypted here with the JDK following kopia-format.md §3.1/§3.2 so that the parser and the writer are checked
 * against kopia's own bytes.
 */
class RealIndexBlobTest {
    private static final BlobId BLOB =
            BlobId.of("xn0_86e1a966f4faa78b4155dbe7f1866fa8-sc05c6694229ca11e13d-c1");
    private static final byte[] MASTER_KEY = Base64.getDecoder().decode("bssrEF7UGVN5PCNtvHjhqBmR5NKyj8OaGpaFgNL6rBQ=");

    static byte[] storedBlob() throws IOException {
        try (InputStream in = RealIndexBlobTest.class.getResourceAsStream("/kopia/index/" + BLOB + ".f")) {
            return in.readAllBytes();
        }
    }

    /** AES256-GCM-HMAC-SHA256 blob decryption of the test repository (test-only; production uses kopia.crypto). */
    static final IndexBlobDecryptor TEST_REPOSITORY_DECRYPTOR = (id, stored) -> {
        try {
            String name = id.value();
            int dash = name.indexOf('-');
            String beforeDash = dash < 0 ? name : name.substring(0, dash);
            byte[] iv = HexFormat.of().parseHex(beforeDash.substring(beforeDash.length() - 32));
            byte[] k = hmac(hmac("encryption".getBytes(StandardCharsets.US_ASCII), MASTER_KEY), new byte[] {1});
            byte[] itemKey = hmac(k, iv);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(itemKey, "AES"),
                    new GCMParameterSpec(128, stored, 0, 12));
            gcm.updateAAD(iv);
            return gcm.doFinal(stored, 12, stored.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    };

    private static byte[] hmac(byte[] key, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    private static final IndexEntry EXPECTED = new IndexEntry(
            ContentId.parse("m973734f2357ba933544a047a4c9fc200"),
            BlobId.of("q4e54ada559c93439482ed8be56def45d-sc05c6694229ca11e13d"),
            32, 675, 647, 1769161106L, false, 0, 3, 0, 2);

    @Test
    void parsesKopiaWrittenIndexV2() throws IOException {
        byte[] plaintext = TEST_REPOSITORY_DECRYPTOR.decrypt(BLOB, storedBlob());

        assertThat(plaintext).hasSize(115);
        assertThat(TestEntries.hex(Arrays.copyOf(plaintext, 17))).isEqualTo("0211001000000001000000010100000000");
        PackIndex index = PackIndex.parse(BLOB, plaintext);
        assertThat(index).isInstanceOf(PackIndexV2.class);
        assertThat(((PackIndexV2) index).entrySize()).isEqualTo(16);
        assertThat(index.entryCount()).isEqualTo(1);
        assertThat(index.entryAt(0)).isEqualTo(EXPECTED);
        assertThat(index.find(EXPECTED.contentId())).contains(EXPECTED);
    }

    @Test
    void writerReproducesKopiaBytesExactly() throws IOException {
        byte[] plaintext = TEST_REPOSITORY_DECRYPTOR.decrypt(BLOB, storedBlob());

        assertThat(IndexV2Writer.write(List.of(EXPECTED))).isEqualTo(plaintext);
    }

    @Test
    void loadsRealBlobThroughTheFacade() throws IOException {
        var store = new InMemoryBlobStore();
        store.put(BLOB, storedBlob());

        ContentIndex index = ContentIndex.load(store, TEST_REPOSITORY_DECRYPTOR, 3);

        assertThat(index.find(EXPECTED.contentId())).contains(EXPECTED);
        assertThat(index.entries('m')).containsExactly(EXPECTED);
        assertThat(index.entries((char) 0)).isEmpty();
        assertThat(index.deletionWatermarkAt()).isEmpty();
    }
}
