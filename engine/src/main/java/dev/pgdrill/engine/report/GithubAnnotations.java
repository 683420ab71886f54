package dev.pgdrill.engine.report;

import dev.pgdrill.engine.run.StepStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub Actions workflow commands that mark each failing drill in the job's log and on the
 * scenario file: {@code ::error file=F,line=L,col=C,title=T::MESSAGE} at the failing step's YAML
 * line (without {@code file} when the drill failed outside any step). Text is escaped as GitHub's
 * toolkit does ({@code %}, CR and LF in the message; also {@code :} and {@code ,} in properties), after
 * every other control character has been made visible (see {@link Printable}), so nothing a scenario
 * or server says can end the command or start another. Secrets are already masked in the report model.
 */
public final class GithubAnnotations {
    /** A step location as the report model writes it: {@code FILE:LINE:COLUMN}. */
    private static final Pattern LOCATION = Pattern.compile("(.+):(\\d+):(\\d+)");
    /** The longest message: GitHub shows a few lines of an annotation anyway. */
    static final int MAX_MESSAGE = 4000;

    private GithubAnnotations() {
    }

    /** One {@code ::error} line per drill that did not pass, in run order. */
    public static List<String> lines(RunReport run) {
        List<String> lines = new ArrayList<>();
        for (DrillReport d : run.drills()) {
            if (d.status() == StepStatus.PASSED) {
                continue;
            }
            StepReport s = d.failedStep();
            StringBuilder props = new StringBuilder();
            Matcher at = s == null || s.location() == null ? null : LOCATION.matcher(s.location());
            if (at != null && at.matches()) {
                props.append("file=").append(property(at.group(1))).append(",line=").append(at.group(2))
                        .append(",col=").append(at.group(3)).append(',');
            } else if (s == null && d.file() != null) {
                props.append("file=").append(property(d.file())).append(',');
            }
            String title = "drill " + d.name() + " " + d.status().word()
                    + (s == null ? "" : " at step " + s.title());
            props.append("title=").append(property(title));
            String message = s != null && s.message() != null ? s.message() : d.message();
            lines.add("::error " + props + "::" + data(message == null ? d.status().word() : message));
        }
        return lines;
    }

    /** A message: controls made visible (newlines kept), then {@code %}, CR and LF escaped. */
    static String data(String text) {
        String t = Printable.text(text);
        if (t.length() > MAX_MESSAGE) {
            t = t.substring(0, MAX_MESSAGE) + "…";
        }
        return t.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: as {@link #data}, and {@code :} and {@code ,} escaped too. */
    static String property(String text) {
        return data(Printable.line(text)).replace(":", "%3A").replace(",", "%2C");
    }
}
