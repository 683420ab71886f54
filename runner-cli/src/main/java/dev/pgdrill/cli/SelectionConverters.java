package dev.pgdrill.cli;

import dev.pgdrill.engine.run.Shard;
import dev.pgdrill.engine.run.TagFilter;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --tags EXPR} and {@code --shard I/N} into the engine's selection (see
 * {@link dev.pgdrill.engine.run.Selection}); a value that is neither is a usage error with the reason.
 */
final class SelectionConverters {
    private SelectionConverters() {
    }

    /** {@code --tags smoke,!slow}. */
    static final class Tags implements ITypeConverter<TagFilter> {
        @Override
        public TagFilter convert(String text) {
            try {
                return TagFilter.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --shard 2/4}. */
    static final class Shards implements ITypeConverter<Shard> {
        @Override
        public Shard convert(String text) {
            try {
                return Shard.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
