package dev.pgdrill.engine.steps;

/** Small text helpers for messages. */
final class Texts {
    private Texts() {
    }

    /** SQL on one line, cut at 200 characters. */
    static String abbreviate(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() <= 200 ? one : one.substring(0, 197) + "...";
    }
}
