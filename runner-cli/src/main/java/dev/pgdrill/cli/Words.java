package dev.pgdrill.cli;

/** How the commands count things in their messages. */
final class Words {
    private Words() {
    }

    /** {@code 1 drill}, {@code 3 drills}. */
    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
