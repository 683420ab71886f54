package dev.pgdrill.engine.report;

/**
 * Makes untrusted text (scenario text, variables, query results, server output) safe to print on
 * a terminal or to put into XML and HTML: control characters are shown escaped instead of acting
 * (C0 and DEL as {@code \x1b}, C1 controls and the bidirectional overrides and isolates, which can
 * disguise text, as {@code \u202e}). Only our own colour codes are ever written raw, so they are
 * added after this runs.
 */
public final class Printable {
    private Printable() {
    }

    /** A value printed within one line: a newline in it is escaped too; tabs stay. Null becomes "null". */
    public static String line(String s) {
        return escape(s, false);
    }

    /** Text whose newlines are meant (messages, descriptions, SQL): newlines and tabs stay, every other control is escaped. */
    public static String text(String s) {
        return escape(s, true);
    }

    /** True when {@code cp} would act on a terminal rather than show (newline and tab excluded). */
    public static boolean unsafe(int cp) {
        return cp < 0x20 && cp != '\n' && cp != '\t'
                || cp >= 0x7F && cp <= 0x9F
                || cp >= 0x202A && cp <= 0x202E
                || cp >= 0x2066 && cp <= 0x2069;
    }

    private static String escape(String s, boolean keepNewlines) {
        if (s == null) {
            return "null";
        }
        if (s.codePoints().noneMatch(cp -> unsafe(cp) || cp == '\n' && !keepNewlines)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(cp -> {
            if (cp == '\n' && !keepNewlines) {
                b.append("\\n");
            } else if (!unsafe(cp)) {
                b.appendCodePoint(cp);
            } else if (cp <= 0x7F) {
                b.append(String.format("\\x%02x", cp));
            } else {
                b.append(String.format("\\u%04x", cp));
            }
        });
        return b.toString();
    }
}
