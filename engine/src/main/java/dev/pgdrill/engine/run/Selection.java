package dev.pgdrill.engine.run;

import dev.pgdrill.engine.scenario.Scenario;

import java.util.List;

/**
 * Which of the loaded drills a run takes, the first stage of a {@link RunPlan}: those a {@link TagFilter}
 * selects, then those of a {@link Shard}, in their order. The JUnit engine selects with the platform's own
 * filters and plans {@link #ALL}.
 *
 * @param tags  the tag filter, or null for every drill
 * @param shard the shard, or null for the whole selection
 */
public record Selection(TagFilter tags, Shard shard) {
    /** Every drill loaded. */
    public static final Selection ALL = new Selection(null, null);

    /**
     * The drills selected, and what to tell about it: when none is left, that is said and is no error (an empty
     * shard, a tag filter that matches nothing).
     *
     * @param drills the drills selected, in their order
     * @param note   a line on what was selected ({@code shard 2/3: 2 of 7 drills: a.yaml, d.yaml}), or null when
     *               all were
     */
    public record Selected(List<Scenario> drills, String note) {
        public Selected {
            drills = List.copyOf(drills);
        }
    }

    /**
     * Selects among {@code loaded}.
     *
     * @throws IllegalArgumentException for a tag that none of {@code loaded} has (see {@link TagFilter#select})
     */
    public Selected apply(List<Scenario> loaded) {
        List<Scenario> tagged = tags == null ? loaded : tags.select(loaded);
        List<Scenario> mine = shard == null ? tagged : shard.of(tagged);
        String which = plural(tagged.size(), "drill") + (tags == null ? "" : " with --tags " + tags.text());
        String note = null;
        if (tagged.isEmpty() && tags != null) {
            note = "no drill matches --tags " + tags.text() + "; nothing to run";
        } else if (mine.isEmpty() && shard != null) {
            note = "shard " + shard + " is empty (" + which + ", dealt over " + shard.count() + " shards); nothing to run";
        } else if (shard != null) {
            note = "shard " + shard + ": " + mine.size() + " of " + which + ": "
                    + String.join(", ", mine.stream().map(s -> String.valueOf(s.file())).toList());
        }
        return new Selected(mine, note);
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
