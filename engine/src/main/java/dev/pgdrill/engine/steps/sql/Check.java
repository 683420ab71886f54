package dev.pgdrill.engine.steps.sql;

import dev.pgdrill.engine.postgres.Rows;
import dev.pgdrill.engine.postgres.Values;

import java.util.List;
import java.util.Map;

/** What a verify step checks, built from its arguments, and how a result is judged. */
record Check(String kind, String sql, Map<String, Object> params, Object expected) {

    /** The expectation as people read it: {@code 1}, {@code 2 rows}, {@code at least one row}. */
    String expectation() {
        return switch (kind) {
            case "checksum" -> expected == null ? "a checksum" : "checksum " + Values.text(expected);
            case "equals" -> Values.show(expected);
            case "rows" -> "rows " + Values.show(expected);
            case "count" -> Values.text(expected) + " row(s)";
            case "present" -> truthy(expected) ? "at least one row" : "no row";
            case "absent" -> truthy(expected) ? "no row" : "at least one row";
            default -> kind;
        };
    }

    /** Rows shown in messages at most. */
    static final int SHOWN = 10;

    /**
     * How many rows of the result the check needs to hold (it counts the others): the expected
     * rows of a {@code rows} check plus one, else what a message shows.
     */
    int keep() {
        return switch (kind) {
            case "checksum", "count" -> 1;
            case "rows" -> Math.max(SHOWN, expected instanceof List<?> l ? l.size() + 1 : 0);
            default -> SHOWN;
        };
    }

    Outcome evaluate(Rows r) {
        long n = r.rowCount();
        return switch (kind) {
            case "checksum" -> {
                String sum = Values.text(r.first());
                yield new Outcome(expected == null || Values.same(expected, sum), "checksum " + sum, sum, n);
            }
            case "equals" -> {
                if (n != 1 || r.columns().isEmpty()) {
                    yield new Outcome(false, n + " rows (expected exactly one): " + r.describe(3), null, n);
                }
                Object v = r.first();
                yield new Outcome(Values.same(expected, v), Values.show(v), Values.text(v), n);
            }
            case "rows" -> new Outcome(expected instanceof List<?> l && n == l.size()
                    && Values.sameRows(l, r.rows()), r.describe(SHOWN), null, n);
            case "count" -> new Outcome(Values.same(expected, n), n + " row(s)", String.valueOf(n), n);
            case "present" -> new Outcome((n > 0) == truthy(expected), describe(r), String.valueOf(n), n);
            case "absent" -> new Outcome((n == 0) == truthy(expected), describe(r), String.valueOf(n), n);
            default -> throw new IllegalStateException(kind);
        };
    }

    private static String describe(Rows r) {
        return r.isEmpty() ? "no row" : r.rowCount() + " row(s): " + r.describe(3);
    }

    private static boolean truthy(Object v) {
        return Boolean.TRUE.equals(Values.bool(v));
    }

    /** One evaluation: whether the check held, what was found (for messages), the value found. */
    record Outcome(boolean holds, String found, String value, long rowCount) {
    }
}
