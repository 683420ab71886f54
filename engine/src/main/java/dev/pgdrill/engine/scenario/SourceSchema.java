package dev.pgdrill.engine.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgdrill.engine.env.BackupSource;

/** The JSON Schema of {@code environment: source:} and {@code objectives:}, as {@link SourceReader} reads them. */
final class SourceSchema {
    private SourceSchema() {
    }

    static void add(ObjectNode envProps) {
        ObjectNode source = envProps.putObject("source");
        source.put("type", "object").put("additionalProperties", false).put("minProperties", 1)
                .put("description", "Backups that exist outside pgdrill, restored read only into new nodes (the "
                        + "drill then starts no node of its own); exactly one of basebackup or pgbackrest.");
        ObjectNode props = source.putObject("properties");
        ObjectNode base = props.putObject("basebackup");
        base.put("type", "object").put("additionalProperties", false).put("description", "A pg_basebackup directory "
                + "(plain, or tar with -Ft, gzip too) and the WAL archive directory its cluster archives into.");
        base.putArray("required").add("dir").add("wal");
        ObjectNode baseProps = base.putObject("properties");
        path(baseProps, "dir", "The pg_basebackup directory (absolute; ${vars.X} allowed).");
        path(baseProps, "wal", "The WAL archive directory (absolute; ${vars.X} allowed).");
        ObjectNode rest = props.putObject("pgbackrest");
        rest.put("type", "object").put("additionalProperties", false).put("description", "A pgBackRest stanza, "
                + "reached through the tool's own configuration file.");
        rest.putArray("required").add("config").add("stanza");
        ObjectNode restProps = rest.putObject("properties");
        path(restProps, "config", "pgBackRest's configuration file (absolute; ${vars.X} allowed).");
        restProps.putObject("stanza").put("type", "string").put("minLength", 1).put("description", "The stanza.");
        props.putObject("user").put("type", "string").put("description", "The backed-up cluster's superuser the "
                + "runner connects as (default " + BackupSource.DEFAULT_USER + ").");
        ObjectNode objectives = envProps.putObject("objectives");
        objectives.put("type", "object").put("additionalProperties", false).put("description", "With a source: "
                + "what a restore from it must meet, each checked and reported as pass or fail with its value.");
        ObjectNode o = objectives.putObject("properties");
        o.putObject("rto").put("$ref", "#/definitions/duration").put("description", "Restore and recovery at most "
                + "this long.");
        o.putObject("max-backup-age").put("$ref", "#/definitions/duration").put("description", "The newest backup "
                + "stopped at most this long ago.");
        o.putObject("max-wal-age").put("$ref", "#/definitions/duration").put("description", "The newest archived WAL "
                + "segment archived at most this long ago.");
    }

    private static void path(ObjectNode props, String key, String description) {
        props.putObject(key).put("type", "string").put("minLength", 1).put("description", description);
    }
}
