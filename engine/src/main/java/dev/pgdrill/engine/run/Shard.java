package dev.pgdrill.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The I-th of N disjoint parts of the selected drills, counted from 1 ({@code runner --shard I/N}).
 *
 * <p>The drills are dealt round-robin in the order the run takes them (the files in the order they
 * are named; a directory's files sorted by name): drill k (from 0) goes to shard {@code k mod N + 1}.
 * That order depends only on the command line and the file names, so every machine of a CI matrix
 * deals the same hand; the N shards are disjoint, together they are the whole selection, and their
 * sizes differ by at most one. A hash of each name would also be stable, but spreads a handful of
 * drills unevenly (two shards of three, one empty), which dealing never does.
 *
 * @param index which part, 1 to count
 * @param count how many parts, 1 to {@link #MAX}
 */
public record Shard(int index, int count) {
    public static final int MAX = 1000;
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    public Shard {
        if (count < 1 || count > MAX || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count);
        }
    }

    /**
     * Reads {@code I/N}.
     *
     * @throws IllegalArgumentException for what is not a shard, with the reason and the range that is
     */
    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a shard: expected I/N, shard I of N "
                    + "counted from 1, e.g. --shard 2/4");
        }
        int i = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        if (n < 1 || n > MAX) {
            throw new IllegalArgumentException("'" + text + "': the number of shards must be between 1 and " + MAX
                    + ", found " + n);
        }
        if (i < 1 || i > n) {
            throw new IllegalArgumentException("'" + text + "': " + (i < 1 ? "shards are counted from 1"
                    : "there " + (n == 1 ? "is only 1 shard" : "are only " + n + " shards"))
                    + ": expected 1/" + n + (n == 1 ? "" : " to " + n + "/" + n));
        }
        return new Shard(i, n);
    }

    /** The items of this shard, in their order. */
    public <T> List<T> of(List<T> all) {
        List<T> mine = new ArrayList<>();
        for (int k = index - 1; k < all.size(); k += count) {
            mine.add(all.get(k));
        }
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
