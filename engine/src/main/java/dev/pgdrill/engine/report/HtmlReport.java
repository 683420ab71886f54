package dev.pgdrill.engine.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** File name to page content, index first; page names are derived, never read from the model. */
    public static Map<String, String> render(RunReport run) {
        Map<String, String> pages = new LinkedHashMap<>();
        List<String> names = ReportModel.pageNames(run.drills());
        pages.put(INDEX, IndexPage.render(run, names));
        for (int i = 0; i < names.size(); i++) {
            pages.put(names.get(i), DrillPage.render(run, run.drills().get(i)));
        }
        return pages;
    }

    /**
     * Writes every page into {@code dir} (confined to it, see {@link ReportPaths}); returns the index.
     *
     * @throws java.io.UncheckedIOException naming the file that could not be written
     */
    public static Path write(RunReport run, Path dir) {
        return write(render(run), dir);
    }

    /** Writes rendered pages (file name to content, index first) into {@code dir}; returns the first. */
    static Path write(Map<String, String> pages, Path dir) {
        Path index = null;
        for (Map.Entry<String, String> p : pages.entrySet()) {
            Path written = ReportPaths.write(dir, p.getKey(), p.getValue());
            index = index == null ? written : index;
        }
        return index;
    }
}
