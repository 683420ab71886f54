package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;

/** The parameter conventions shared by steps: {@code on} names the node a step acts on. */
final class NodeParams {
    static final String ON = "on";

    private NodeParams() {
    }

    static Param onRequired(String description) {
        return Param.required(ON, ParamType.NODE, description);
    }

    static Param on(String defaultNode, String description) {
        return Param.optional(ON, ParamType.NODE, defaultNode, description);
    }

    static Param database() {
        return Param.optional("database", ParamType.STRING, "the drill database",
                "database to connect to");
    }
}
