package dev.pgdrill.engine.run;

import dev.pgdrill.engine.scenario.DidYouMean;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.scenario.ScenarioLoader;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which drills run, by their {@code tags:} ({@code runner --tags EXPR}). EXPR is a comma-separated list of
 * terms; a term is a tag ({@code smoke}) or an excluded tag ({@code !slow}). A drill is selected when it has
 * at least one of the plain tags (or there are none) and none of the excluded ones: {@code smoke,pitr} is
 * smoke OR pitr, {@code smoke,!slow} is smoke and not slow, {@code !slow} is every drill but the slow ones.
 *
 * @param wanted   the plain tags, in the order written (empty: every drill)
 * @param excluded the tags written with {@code !}
 * @param text     the expression as given
 */
public record TagFilter(Set<String> wanted, Set<String> excluded, String text) {
    public TagFilter {
        wanted = Collections.unmodifiableSet(new LinkedHashSet<>(wanted));
        excluded = Collections.unmodifiableSet(new LinkedHashSet<>(excluded));
    }

    /**
     * Reads an expression, refusing an empty term, a lone or doubled '!', a term that is no tag, or a tag both
     * wanted and excluded.
     *
     * @throws IllegalArgumentException saying which term is wrong and what is expected
     */
    public static TagFilter parse(String text) {
        Set<String> wanted = new LinkedHashSet<>();
        Set<String> excluded = new LinkedHashSet<>();
        String[] terms = text.split(",", -1);
        for (int i = 0; i < terms.length; i++) {
            String term = terms[i].strip();
            boolean not = term.startsWith("!");
            String tag = not ? term.substring(1) : term;
            if (!ScenarioLoader.TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("'" + text + "': term " + (i + 1) + " "
                        + (term.isEmpty() ? "is empty" : "'" + term + "' is not a tag or !tag")
                        + ": expected tags separated by commas, each optionally preceded by '!' to exclude it "
                        + "(a tag is lower-case letters, digits, '-' or '_'), e.g. --tags smoke,!slow");
            }
            (not ? excluded : wanted).add(tag);
        }
        Set<String> both = new LinkedHashSet<>(wanted);
        both.retainAll(excluded);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': '" + both.iterator().next()
                    + "' is both wanted and excluded");
        }
        return new TagFilter(wanted, excluded, text);
    }

    public boolean selects(Scenario s) {
        return (wanted.isEmpty() || wanted.stream().anyMatch(s.tags()::contains))
                && excluded.stream().noneMatch(s.tags()::contains);
    }

    /**
     * The drills this filter selects, in their order.
     *
     * @throws IllegalArgumentException for a tag that none of {@code all} has, since a misspelt tag would
     *                                  otherwise select nothing, or exclude nothing, silently
     */
    public List<Scenario> select(List<Scenario> all) {
        Set<String> known = new TreeSet<>();
        all.forEach(s -> known.addAll(s.tags()));
        Set<String> named = new LinkedHashSet<>(wanted);
        named.addAll(excluded);
        for (String tag : named) {
            if (!known.contains(tag)) {
                throw new IllegalArgumentException("no drill has the tag '" + tag + "'" + DidYouMean.hint(tag, known)
                        + " (tags of these drills: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
            }
        }
        return all.stream().filter(this::selects).toList();
    }
}
