package dev.rewind.storage;

import dev.rewind.error.Reason;

/** The blob does not exist in the store. */
public class BlobNotFoundException extends StorageException {
    private final BlobId blobId;

    public BlobNotFoundException(BlobId blobId, String storeDescription) {
        super(Reason.NOT_FOUND, "blob " + blobId + " not found in " + storeDescription, false);
        this.blobId = blobId;
    }

    public BlobId blobId() {
        return blobId;
    }
}
