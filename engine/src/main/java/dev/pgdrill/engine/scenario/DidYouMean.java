package dev.pgdrill.engine.scenario;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the nearest known word for a misspelled one (edit distance with transpositions). */
public final class DidYouMean {
    private DidYouMean() {
    }

    /** The closest candidate within a distance that fits the word's length, if any. */
    public static Optional<String> suggest(String word, Collection<String> candidates) {
        if (word == null || word.isEmpty()) {
            return Optional.empty();
        }
        String w = word.toLowerCase(Locale.ROOT);
        int limit = w.length() <= 3 ? 1 : w.length() <= 6 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.equals(word)) {
                continue;
            }
            String lc = c.toLowerCase(Locale.ROOT);
            int d = lc.equals(w) ? 0 : distance(w, lc);
            boolean prefix = w.length() >= 3 && (lc.startsWith(w) || w.startsWith(lc)) && d > limit;
            if (prefix) {
                d = limit;
            }
            if (d <= limit && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code " (did you mean 'x'?)"}, or an empty string when nothing is close. */
    public static String hint(String word, Collection<String> candidates) {
        return suggest(word, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
