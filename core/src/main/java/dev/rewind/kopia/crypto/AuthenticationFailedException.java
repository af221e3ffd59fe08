package dev.rewind.kopia.crypto;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;

/**
 * An AEAD tag did not verify: the stored bytes are not what Kopia wrote under these keys. For a content or an index
 * blob that means damage ({@link Reason#CORRUPT}); while opening the format blob the caller translates it into
 * {@link Reason#WRONG_PASSWORD}, because Kopia cannot tell a wrong password from a flipped ciphertext bit.
 */
public final class AuthenticationFailedException extends RewindException {
    public AuthenticationFailedException(String message, Throwable cause) {
        super(Reason.CORRUPT, message, cause);
    }
}
