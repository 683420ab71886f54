package dev.pgdrill.cli;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.scenario.DidYouMean;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.scenario.ScenarioLoader;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --tags EXPR}: which drills run, by their {@code tags:}. EXPR is a comma-separated list of
 * terms; a term is a tag ({@code smoke}) or an excluded tag ({@code !slow}). A drill is selected
 * when it has at least one of the plain tags (or there are none) and none of the excluded ones:
 * {@code smoke,pitr} is smoke OR pitr, {@code smoke,!slow} is smoke and not slow, {@code !slow}
 * is every drill but the slow ones.
 *
 * @param wanted   the plain tags (empty: every drill)
 * @param excluded the tags written with {@code !}
 * @param text     the expression as given
 */
record TagFilter(Set<String> wanted, Set<String> excluded, String text) {

    boolean selects(Scenario s) {
        return (wanted.isEmpty() || wanted.stream().anyMatch(s.tags()::contains))
                && excluded.stream().noneMatch(s.tags()::contains);
    }

    /**
     * The drills this filter selects, in their order; a tag that none of {@code all} has is refused
     * (exit 2), since a misspelt tag would otherwise select nothing, or exclude nothing, silently.
     */
    List<Scenario> select(List<Scenario> all) {
        Set<String> known = new TreeSet<>();
        all.forEach(s -> known.addAll(s.tags()));
        Set<String> named = new LinkedHashSet<>(wanted);
        named.addAll(excluded);
        for (String tag : named) {
            if (!known.contains(tag)) {
                throw new DrillException(ExitCode.INVALID, "runner: --tags " + text + ": no drill has the tag '" + tag
                        + "'" + DidYouMean.hint(tag, known) + " (tags of these drills: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + "); nothing was run");
            }
        }
        return all.stream().filter(this::selects).toList();
    }

    /** Reads the expression, refusing an empty term, a lone or doubled '!', or a term that is no tag. */
    static final class Converter implements ITypeConverter<TagFilter> {
        @Override
        public TagFilter convert(String text) {
            Set<String> wanted = new LinkedHashSet<>();
            Set<String> excluded = new LinkedHashSet<>();
            String[] terms = text.split(",", -1);
            for (int i = 0; i < terms.length; i++) {
                String term = terms[i].strip();
                boolean not = term.startsWith("!");
                String tag = not ? term.substring(1) : term;
                if (!ScenarioLoader.TAG.matcher(tag).matches()) {
                    throw new TypeConversionException("'" + text + "': term " + (i + 1) + " "
                            + (term.isEmpty() ? "is empty" : "'" + term + "' is not a tag or !tag")
                            + ": expected tags separated by commas, each optionally preceded by '!' to exclude it "
                            + "(a tag is lower-case letters, digits, '-' or '_'), e.g. --tags smoke,!slow");
                }
                (not ? excluded : wanted).add(tag);
            }
            Set<String> both = new LinkedHashSet<>(wanted);
            both.retainAll(excluded);
            if (!both.isEmpty()) {
                throw new TypeConversionException("'" + text + "': '" + both.iterator().next()
                        + "' is both wanted and excluded");
            }
            return new TagFilter(wanted, excluded, text);
        }
    }
}
