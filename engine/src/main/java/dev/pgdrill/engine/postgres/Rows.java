package dev.pgdrill.engine.postgres;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The result of a statement: column names (lowercased), rows (cells are {@code Boolean}, text, or
 * null), the update count of the last statement (-1 for a query), and how many rows the result had:
 * a reader that keeps only the first rows (see {@link Sql#run(java.sql.Connection, String,
 * java.util.Map, java.time.Duration, int)}) holds fewer {@link #rows()} than {@link #rowCount()}.
 */
public record Rows(List<String> columns, List<List<Object>> rows, long updateCount, long rowCount) {
    public Rows {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> Collections.unmodifiableList(new ArrayList<>(r))).toList();
    }

    /** A result holding all its rows. */
    public Rows(List<String> columns, List<List<Object>> rows, long updateCount) {
        this(columns, rows, updateCount, rows.size());
    }

    public static Rows updated(long count) {
        return new Rows(List.of(), List.of(), count);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** First column of the first row, or null when there is no row. */
    public Object first() {
        return rows.isEmpty() || rows.get(0).isEmpty() ? null : rows.get(0).get(0);
    }

    /** Rows as text for messages, at most {@code max} of them: {@code [[1, Bob], [2, Alice]]}. */
    public String describe(int max) {
        if (rows.isEmpty()) {
            return "no rows";
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(max, rows.size()); i++) {
            shown.add(Values.show(rows.get(i)));
        }
        String more = rowCount > Math.min(max, rows.size()) ? ", ... (" + rowCount + " rows)" : "";
        return "[" + String.join(", ", shown) + more + "]";
    }

    public static String columnName(String label) {
        return label.toLowerCase(Locale.ROOT);
    }
}
