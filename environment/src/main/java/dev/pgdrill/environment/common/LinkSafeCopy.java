package dev.pgdrill.environment.common;

/**
 * Shell scripts that copy a (possibly live) data directory {@code $1} into {@code $2} with
 * {@code cp -a}: symbolic links are copied as links, never followed; pipes, sockets and devices
 * are created, never read; hard links among the copied files are kept. Files the running server
 * removes while copying are no error, as with {@code cp}. Run as the server user, never as root
 * (local backend: a node's data directory to the run's backups; Compose: the same inside the node's
 * container or a helper on its volumes).
 */
public final class LinkSafeCopy {
    private LinkSafeCopy() {
    }

    private static final String COPY = """
            set -u
            shopt -s dotglob nullglob
            from=$1; to=$2
            copy() {
              if ! out=$(cp -a --no-dereference -- "$@" 2>&1) \\
                  && printf '%s\\n' "$out" | grep -v 'No such file or directory' | grep -q .; then
                printf '%s\\n' "$out" >&2; exit 1
              fi
            }
            """;

    /** The whole directory: {@code $2} must not exist yet. */
    public static final String WHOLE = COPY + """
            copy "$from" "$to"
            """;

    /** First part of a copy in two parts: a new directory {@code $2} (mode 0700) holding only pg_wal. */
    public static final String WAL_ONLY = COPY + """
            mkdir -m 0700 -- "$to" || exit 1
            copy "$from/pg_wal" "$to/pg_wal"
            """;

    /** Second part: every entry of {@code $1} but pg_wal (pg_control included) into {@code $2}. */
    public static final String ALL_BUT_WAL = COPY + """
            for entry in "$from"/*; do
              [ "${entry##*/}" = pg_wal ] || copy "$entry" "$to/"
            done
            """;
}
