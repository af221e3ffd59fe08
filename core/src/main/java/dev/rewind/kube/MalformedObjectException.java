package dev.rewind.kube;

/** A Kubernetes object whose content cannot be mapped; translated to {@code INVALID_INPUT} naming the object. */
final class MalformedObjectException extends RuntimeException {
    MalformedObjectException(String message) {
        super(message);
    }
}
