package dev.pgdrill.engine.report;

/** The footer shared by all pages. */
final class Footer {
    private Footer() {
    }

    static void render(Html h, RunReport run) {
        h.open("footer").text("pgdrill report · run started " + Fmt.when(run.start()) + " · "
                + (run.complete() ? "complete" : "incomplete: the run did not finish")
                + " · self-contained, no network needed").close("footer").nl();
    }
}
