package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.EnvironmentException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What every backend writes or reads the same way for a drill's own server: configuration lines, seed files. */
public final class ServerFiles {
    private static final byte[] CUSTOM_ARCHIVE = "PGDMP".getBytes(StandardCharsets.US_ASCII);

    private ServerFiles() {
    }

    /**
     * {@code key = 'value'} as ALTER SYSTEM writes it: quotes and backslashes doubled (the configuration
     * parser undoes both). {@code key} must be a plain setting name and {@code value} free of control
     * characters (see {@code EnvironmentSpec}), so one setting is always one line.
     */
    public static String settingLine(String key, String value) {
        return key + " = '" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** Whether {@code file} starts as {@code pg_dump -Fc} archives do (then {@code pg_restore} loads it, else psql). */
    public static boolean isCustomArchive(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(CUSTOM_ARCHIVE.length), CUSTOM_ARCHIVE);
        } catch (IOException e) {
            throw new EnvironmentException("could not read seed file " + file + ": " + e.getMessage(), e);
        }
    }
}
