package dev.pgdrill.engine.postgres;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How values from YAML (text, numbers, booleans) are compared with values from PostgreSQL:
 * numerically when both read as numbers ({@code 1 = 1.0}), as booleans when both read as booleans
 * ({@code t = true}), else as text. {@code null} in YAML matches SQL NULL.
 */
public final class Values {
    private static final Pattern PLAIN_NUMBER =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    private Values() {
    }

    public static boolean same(Object expected, Object found) {
        if (expected == null || found == null) {
            return expected == null && found == null;
        }
        BigDecimal a = number(expected);
        BigDecimal b = number(found);
        if (a != null && b != null) {
            return a.compareTo(b) == 0;
        }
        Boolean x = bool(expected);
        Boolean y = bool(found);
        if (x != null && y != null) {
            return x.equals(y);
        }
        return text(expected).equals(text(found));
    }

    /** Compares row by row, cell by cell. */
    public static boolean sameRows(List<?> expected, List<List<Object>> found) {
        if (expected.size() != found.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            List<?> e = asList(expected.get(i));
            List<Object> f = found.get(i);
            if (e.size() != f.size()) {
                return false;
            }
            for (int j = 0; j < e.size(); j++) {
                if (!same(e.get(j), f.get(j))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A row given in YAML: a list, or a scalar standing for a one-column row. */
    public static List<?> asList(Object row) {
        if (row instanceof List<?> l) {
            return l;
        }
        List<Object> one = new ArrayList<>();
        one.add(row);
        return one;
    }

    public static String text(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(v);
    }

    /** A value or row as people read it: text in quotes only when it is not a number. */
    public static String show(Object v) {
        if (v instanceof List<?> l) {
            List<String> cells = new ArrayList<>();
            l.forEach(c -> cells.add(show(c)));
            return "[" + String.join(", ", cells) + "]";
        }
        if (v == null || v instanceof Number || v instanceof Boolean || number(v) != null) {
            return text(v);
        }
        return "'" + v + "'";
    }

    public static BigDecimal number(Object v) {
        if (v instanceof Boolean) {
            return null;
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        String s = String.valueOf(v).trim();
        if (!PLAIN_NUMBER.matcher(s).matches()) {
            return null;
        }
        return new BigDecimal(s);
    }

    public static Boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (String.valueOf(v).trim().toLowerCase(Locale.ROOT)) {
            case "t", "true" -> true;
            case "f", "false" -> false;
            default -> null;
        };
    }
}
