package dev.pgdrill.engine.postgres;

import dev.pgdrill.engine.step.StepFailure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * SQL with named parameters, as psql writes them: {@code :victim} is a bind parameter (turned into
 * a JDBC {@code ?}); {@code :'name'} is the value written in as a quoted string literal and
 * {@code :"name"} as a quoted identifier, for the places SQL takes no bind parameter
 * ({@code CREATE ROLE ... PASSWORD :'pw'}, {@code CREATE TABLE :"t"}). Only names present in the
 * parameter map are replaced, so {@code ::casts}, array slices and text inside quotes, dollar quotes
 * and comments stay as written; a literal {@code ?} outside those is escaped as {@code ??} in
 * {@link #jdbc} so the driver does not take it for a placeholder.
 *
 * @param jdbc  the statement with {@code ?} placeholders and the quoted values written in
 * @param text  the statement with the quoted values written in and everything else as written
 *              (what runs when {@link #order} is empty: no placeholder, no {@code ??} escape)
 * @param order the parameter name bound to each placeholder, in order
 * @param used  the distinct names that occurred, bound or quoted
 */
public record NamedSql(String jdbc, String text, List<String> order, Set<String> used) {

    /** Scans {@code sql} for the names in {@code names}; quoted forms are left as written (no values here). */
    public static NamedSql parse(String sql, Set<String> names) {
        return parse(sql, names, (form, name) -> ":" + form + name + form);
    }

    /**
     * Parses {@code sql} with parameter values: {@code :name} becomes a placeholder, {@code :'name'}
     * and {@code :"name"} the quoted value.
     *
     * @throws StepFailure when a quoted value cannot be written safely (null, NUL character, empty identifier)
     */
    public static NamedSql parse(String sql, Map<String, ?> params) {
        return parse(sql, params.keySet(), (form, name) -> form == '\''
                ? literal(name, params.get(name)) : identifier(name, params.get(name)));
    }

    /**
     * A string literal holding {@code value}, safe whatever {@code standard_conforming_strings} is
     * (as libpq's PQescapeLiteral): quotes doubled, and with a backslash in it an {@code E''} string
     * with backslashes doubled too.
     */
    public static String literal(String name, Object value) {
        String s = quotable(name, value, ":'");
        String doubled = s.replace("'", "''");
        return s.indexOf('\\') < 0 ? "'" + doubled + "'" : "E'" + doubled.replace("\\", "\\\\") + "'";
    }

    /** A quoted identifier naming exactly {@code value} (as libpq's PQescapeIdentifier): quotes doubled. */
    public static String identifier(String name, Object value) {
        String s = quotable(name, value, ":\"");
        if (s.isEmpty()) {
            throw new StepFailure("parameter '" + name + "' is empty: :\"" + name + "\" needs a name");
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String quotable(String name, Object value, String form) {
        String close = form.substring(1);
        if (value == null) {
            throw new StepFailure("parameter '" + name + "' has no value: " + form + name + close + " needs one");
        }
        String s = String.valueOf(value);
        if (s.indexOf('\0') >= 0) {
            throw new StepFailure("parameter '" + name + "' contains a NUL character, which PostgreSQL text cannot hold ("
                    + form + name + close + ")");
        }
        return s;
    }

    /** @param quote renders a quoted form: the quote character ({@code '} or {@code "}) and the name */
    private static NamedSql parse(String sql, Set<String> names, BiFunction<Character, String, String> quote) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        StringBuilder text = new StringBuilder(sql.length() + 8);
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
            } else if (c == ':' && i + 1 < n && (sql.charAt(i + 1) == '\'' || sql.charAt(i + 1) == '"')) {
                char form = sql.charAt(i + 1);
                int j = i + 2;
                while (j < n && isNamePart(sql.charAt(j))) {
                    j++;
                }
                String name = sql.substring(i + 2, j);
                if (j < n && sql.charAt(j) == form && !name.isEmpty() && isNameStart(name.charAt(0))
                        && names.contains(name)) {
                    String quoted = quote.apply(form, name);
                    // right after a name character a quote would glue onto it (x'..' is a bit string): keep apart
                    String sep = i > 0 && isNamePart(sql.charAt(i - 1)) ? " " : "";
                    out.append(sep).append(quoted);
                    text.append(sep).append(quoted);
                    used.add(name);
                    i = j + 1;
                } else {
                    out.append(c);
                    text.append(c);
                    i++;
                }
                continue;
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
                text.append(sql, i, j);
                i = j;
                continue;
            } else if (c == '?') {
                out.append("??");
                text.append(c);
                i++;
                continue;
            } else {
                out.append(c);
                text.append(c);
                i++;
                continue;
            }
            out.append(sql, i, end);
            text.append(sql, i, end);
            i = end;
        }
        return new NamedSql(out.toString(), text.toString(), List.copyOf(order), Set.copyOf(used));
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
