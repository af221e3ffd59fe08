package dev.rewind.storage;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A sequential stream over another that reports each element taken from the source and each source failure. */
final class ObservedStream {
    private ObservedStream() {
    }

    static <T> Stream<T> of(Stream<T> source, Runnable onElement, Consumer<RuntimeException> onFailure) {
        Spliterator<T> upstream = source.spliterator();
        Spliterator<T> observed = new Spliterators.AbstractSpliterator<T>(Long.MAX_VALUE,
                upstream.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED)) {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                var holder = new Object[1];
                boolean advanced;
                try {
                    advanced = upstream.tryAdvance(t -> holder[0] = t);
                } catch (RuntimeException e) {
                    onFailure.accept(e);
                    throw e;
                }
                if (!advanced) {
                    return false;
                }
                onElement.run();
                @SuppressWarnings("unchecked")
                T element = (T) holder[0];
                action.accept(element);
                return true;
            }
        };
        return StreamSupport.stream(observed, false).onClose(source::close);
    }
}
