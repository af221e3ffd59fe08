package dev.rewind.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates subcommands for picocli, handing each one the top {@link RewindCommand} (clock, output format, streams)
 * when it declares a constructor {@code (RewindCommand)}. Everything else is created by picocli's default factory.
 */
final class CommandFactory implements IFactory {
    private final RewindCommand rewind;
    private final IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(RewindCommand rewind) {
        this.rewind = rewind;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == RewindCommand.class) {
            return type.cast(rewind);
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == RewindCommand.class) {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(rewind));
            }
        }
        return fallback.create(type);
    }
}
