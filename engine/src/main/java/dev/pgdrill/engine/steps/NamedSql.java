package dev.pgdrill.engine.steps;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SQL with named bind parameters ({@code :victim}) turned into JDBC positional ones ({@code ?}).
 * Only names present in the parameter map are replaced, so {@code ::casts}, array slices and text
 * inside quotes, dollar quotes and comments stay as written; a literal {@code ?} outside those is
 * escaped as {@code ??} so the driver does not take it for a placeholder.
 *
 * @param jdbc  the statement with {@code ?} placeholders
 * @param order the parameter name bound to each placeholder, in order
 * @param used  the distinct names that occurred
 */
public record NamedSql(String jdbc, List<String> order, Set<String> used) {

    /** Parses {@code sql}, replacing {@code :name} for every name in {@code names}. */
    public static NamedSql parse(String sql, Set<String> names) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        List<String> order = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)));
                end = skipQuoted(sql, i, '\'', escapes);
            } else if (c == '"') {
                end = skipQuoted(sql, i, '"', false);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                end = nl < 0 ? n : nl;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                end = skipBlockComment(sql, i);
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                end = close < 0 ? n : close + tag.length();
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                end = i + 2;
            } else if (c == ':' && i + 1 < n && isNameStart(sql.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && isNamePart(sql.charAt(j))) {
                    j++;
                }
                String name = sql.substring(i + 1, j);
                if (names.contains(name)) {
                    out.append('?');
                    order.add(name);
                    used.add(name);
                } else {
                    out.append(sql, i, j);
                }
                i = j;
                continue;
            } else if (c == '?') {
                out.append("??");
                i++;
                continue;
            } else {
                out.append(c);
                i++;
                continue;
            }
            out.append(sql, i, end);
            i = end;
        }
        return new NamedSql(out.toString(), List.copyOf(order), Set.copyOf(used));
    }

    private static int skipQuoted(String s, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    private static int skipBlockComment(String s, int start) {
        int depth = 0;
        int i = start;
        while (i < s.length() - 1) {
            if (s.charAt(i) == '/' && s.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (s.charAt(i) == '*' && s.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** End (exclusive) of a dollar-quote opening tag at {@code start} ({@code $$} or {@code $tag$}), or -1. */
    private static int dollarTagEnd(String s, int start) {
        if (start > 0 && isNamePart(s.charAt(start - 1))) {
            return -1; // part of an identifier like a$b, or a positional $1 after a name
        }
        int i = start + 1;
        if (i < s.length() && s.charAt(i) == '$') {
            return i + 1;
        }
        if (i >= s.length() || !isNameStart(s.charAt(i))) {
            return -1;
        }
        while (i < s.length() && isNamePart(s.charAt(i))) {
            i++;
        }
        return i < s.length() && s.charAt(i) == '$' ? i + 1 : -1;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
