package dev.pgdrill.engine.steps.sql;

import dev.pgdrill.engine.postgres.Rows;
import dev.pgdrill.engine.postgres.Values;
import dev.pgdrill.engine.step.StepFailure;

import java.util.List;
import java.util.Map;

/** What a verify step checks, built from its arguments, and how a result is judged. */
record Check(String kind, String sql, Map<String, Object> params, Object expected) {

    static Check of(VerifyStep.Params p) {
        if (p.checksum() != null) {
            // the record checked the name to be a plain identifier, so it can be part of the SQL text
            String sql = "SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM " + p.checksum() + " t";
            return new Check("checksum", sql, Map.of(), p.expected());
        }
        List<Object> given = p.checks();
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) != null) {
                return new Check(VerifyStep.CHECKS.get(i), p.query(), p.params(), given.get(i));
            }
        }
        throw new StepFailure("verify needs one of " + String.join(", ", VerifyStep.CHECKS));
    }

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

    VerifyStep.Outcome evaluate(Rows r) {
        long n = r.rowCount();
        return switch (kind) {
            case "checksum" -> {
                String sum = Values.text(r.first());
                yield new VerifyStep.Outcome(expected == null || Values.same(expected, sum), "checksum " + sum, sum, n);
            }
            case "equals" -> {
                if (n != 1 || r.columns().isEmpty()) {
                    yield new VerifyStep.Outcome(false, n + " rows (expected exactly one): " + r.describe(3), null, n);
                }
                Object v = r.first();
                yield new VerifyStep.Outcome(Values.same(expected, v), Values.show(v), Values.text(v), n);
            }
            case "rows" -> new VerifyStep.Outcome(expected instanceof List<?> l && n == l.size()
                    && Values.sameRows(l, r.rows()), r.describe(SHOWN), null, n);
            case "count" -> new VerifyStep.Outcome(Values.same(expected, n), n + " row(s)", String.valueOf(n), n);
            case "present" -> new VerifyStep.Outcome((n > 0) == truthy(expected), describe(r), String.valueOf(n), n);
            case "absent" -> new VerifyStep.Outcome((n == 0) == truthy(expected), describe(r), String.valueOf(n), n);
            default -> throw new IllegalStateException(kind);
        };
    }

    private static String describe(Rows r) {
        return r.isEmpty() ? "no row" : r.rowCount() + " row(s): " + r.describe(3);
    }

    private static boolean truthy(Object v) {
        return Boolean.TRUE.equals(Values.bool(v));
    }
}
