package dev.pgdrill.engine.postgres;

/** Small text helpers for messages. */
public final class Texts {
    private Texts() {
    }

    /** SQL on one line, cut at 200 characters. */
    public static String abbreviate(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() <= 200 ? one : one.substring(0, 197) + "...";
    }
}
