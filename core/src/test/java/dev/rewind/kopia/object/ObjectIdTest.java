package dev.rewind.kopia.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectIdTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "k18c2fa7d9108a2bf0d9d5b8e7993c48d",
            "Ixbc27b9a704275d05a6505e794ce63e66",
            "Ik18c2fa7d9108a2bf0d9d5b8e7993c48d",
            "IIxbc27b9a704275d05a6505e794ce63e66",
            "IIIxbc27b9a704275d05a6505e794ce63e66",
            "Z0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef",
            "Zk18c2fa7d9108a2bf0d9d5b8e7993c48d"})
    void canonicalIdsRoundTrip(String text) {
        assertThat(ObjectId.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void directIdExposesItsContent() {
        ObjectId id = ObjectId.parse("k18c2fa7d9108a2bf0d9d5b8e7993c48d");

        assertThat(id.isIndirect()).isFalse();
        assertThat(id.compressed()).isFalse();
        assertThat(id.content()).isEqualTo(ContentId.parse("k18c2fa7d9108a2bf0d9d5b8e7993c48d"));
        assertThat(id.indexObject()).isEmpty();
        assertThat(ObjectId.direct(id.content())).isEqualTo(id);
    }

    @Test
    void eachLeadingIAddsOneLevelOfIndirection() {
        ObjectId id = ObjectId.parse("IIxbc27b9a704275d05a6505e794ce63e66");

        assertThat(id.indirection()).isEqualTo(2);
        assertThat(id.indexObject()).map(ObjectId::toString).contains("Ixbc27b9a704275d05a6505e794ce63e66");
        assertThat(id.indexObject().flatMap(ObjectId::indexObject)).map(ObjectId::toString)
                .contains("xbc27b9a704275d05a6505e794ce63e66");
        assertThat(ObjectId.indirect(ObjectId.indirect(ObjectId.parse("xbc27b9a704275d05a6505e794ce63e66"))))
                .isEqualTo(id);
    }

    @Test
    void compressedPrefixIsRecognised() {
        ObjectId id = ObjectId.parse("Z0123456789abcdef0123456789abcdef");

        assertThat(id.compressed()).isTrue();
        assertThat(id.content().hasPrefix()).isFalse();
    }

    @Test
    void legacyDPrefixIsAcceptedAndDroppedLikeKopia() {
        assertThat(ObjectId.parse("D0123456789abcdef0123456789abcdef").toString())
                .isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(ObjectId.parse("ZDk18c2fa7d9108a2bf0d9d5b8e7993c48d").toString())
                .isEqualTo("Zk18c2fa7d9108a2bf0d9d5b8e7993c48d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "I", "II", "Z", "IZxbc27b9a704275d05a6505e794ce63e66", "xyz", "A0123456789abcdef",
            "k18C2FA7D9108A2BF0D9D5B8E7993C48D", "a0123", "Ixbc27 b9"})
    void malformedIdsAreInvalidInputNamingTheText(String text) {
        assertThatThrownBy(() -> ObjectId.parse(text))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("object id");
                });
    }

    @Test
    void indirectionAndCompressionAreMutuallyExclusive() {
        assertThatThrownBy(() -> ObjectId.parse("IZxbc27b9a704275d05a6505e794ce63e66"))
                .hasMessageContaining("IZxbc27b9a704275d05a6505e794ce63e66")
                .hasMessageContaining("mutually exclusive");
    }
}
