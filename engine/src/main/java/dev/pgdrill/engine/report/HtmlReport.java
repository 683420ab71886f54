package dev.pgdrill.engine.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The self-contained HTML report: {@code index.html} plus one page per drill, each page carrying
 * its own CSS, script and SVG (no network). Rendered only from a {@link RunReport}, so the live
 * report and one re-rendered from the journal are the same.
 */
public final class HtmlReport {
    /** File name of the index page. */
    public static final String INDEX = "index.html";

    private HtmlReport() {
    }

    /** File name to page content, index first. */
    public static Map<String, String> render(RunReport run) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put(INDEX, IndexPage.render(run));
        for (DrillReport d : run.drills()) {
            pages.put(d.page(), DrillPage.render(run, d));
        }
        return pages;
    }

    /** Writes every page into {@code dir}; returns the index. */
    public static Path write(RunReport run, Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> p : render(run).entrySet()) {
                Files.writeString(dir.resolve(p.getKey()), p.getValue(), StandardCharsets.UTF_8);
            }
            return dir.resolve(INDEX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write HTML report into " + dir + ": " + e.getMessage(), e);
        }
    }
}
