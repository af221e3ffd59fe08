package dev.rewind.storage;

/** The kinds of request a {@link BlobStore} serves, for metrics and fault injection. */
public enum StorageOperation {
    /** Metadata of one blob ({@link BlobStore#find}, {@link BlobStore#get}); an S3 HeadObject. */
    FIND,
    /** Bytes of one blob or range ({@link BlobStore#read}); an S3 GetObject. */
    READ,
    /** A listing by prefix ({@link BlobStore#list}); one or more S3 ListObjectsV2 pages. */
    LIST
}
