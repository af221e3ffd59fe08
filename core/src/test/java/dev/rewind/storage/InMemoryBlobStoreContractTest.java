package dev.rewind.storage;

/** The contract against {@link InMemoryBlobStore}. */
class InMemoryBlobStoreContractTest extends BlobStoreContractTest {
    private final InMemoryBlobStore memory = new InMemoryBlobStore();

    @Override
    protected BlobStore createStore() {
        return memory;
    }

    @Override
    protected void put(String id, byte[] bytes) {
        memory.put(id, bytes);
    }
}
