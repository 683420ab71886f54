package dev.pgdrill.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * {@code runner --version}: the project version and the git commit written into the jar at build
 * time ({@code version.properties}, {@code git.properties}); "unknown" for what the build could not know.
 */
public final class VersionProvider implements IVersionProvider {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,40}(-dirty)?");

    @Override
    public String[] getVersion() {
        return new String[] {"runner " + version() + " (commit " + commit() + "; pgdrill; Java "
                + System.getProperty("java.version") + ")"};
    }

    static String version() {
        return property("version.properties", "version");
    }

    /** The commit as the build wrote it, or "unknown" when it wrote none (outside git, or not packaged). */
    static String commit() {
        String c = property("git.properties", "commit");
        return COMMIT.matcher(c).matches() ? c : "unknown";
    }

    private static String property(String resource, String key) {
        try (InputStream in = VersionProvider.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
