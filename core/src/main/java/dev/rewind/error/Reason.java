package dev.rewind.error;

/**
 * Why an operation failed, independent of any front-end. The CLI maps each reason to one exit code
 * (DESIGN.md §6) and the server to one HTTP status.
 */
public enum Reason {
    /** Invalid usage or input: a bad flag, a malformed URL, a malformed or future timestamp. */
    INVALID_INPUT,
    /** The thing asked for does not exist: no app, no repository, no snapshot at or before T. */
    NOT_FOUND,
    /** Storage, API server or credentials unavailable (unreachable, 403, wrong keys). */
    UNAVAILABLE,
    /** A wait ended while the operation continues. */
    TIMEOUT,
    /** A format feature or repository state rewind does not support. */
    UNSUPPORTED,
    /** Data that exists but is damaged: a blob that fails authentication, a truncated pack. */
    CORRUPT,
    /** The operation finished but a step failed. */
    PARTIAL,
    /** The wrong secret: a password that does not open the repository. */
    WRONG_PASSWORD,
    /** A conflicting operation holds the lock (e.g. a restore already in progress). */
    CONFLICT,
    /** The user interrupted the operation. */
    INTERRUPTED,
    /** A bug. */
    INTERNAL
}
