package dev.pgdrill.engine.env;

import java.util.List;

/**
 * What {@link Environment#rejoin} did.
 *
 * @param method    the method that worked: {@link RejoinMethod#REWIND} or {@link RejoinMethod#REBUILD}
 * @param bytes     what pg_rewind reported it copied, or the rebuilt data directory's size; -1 when not known
 * @param toolLines pg_rewind's output lines (empty for a rebuild)
 * @param fallback  why pg_rewind was given up for a rebuild ({@link RejoinMethod#AUTO}), or null
 */
public record Rejoined(RejoinMethod method, long bytes, List<String> toolLines, String fallback) {
    public Rejoined {
        toolLines = List.copyOf(toolLines);
    }
}
