package dev.pgdrill.engine.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgdrill.engine.env.Names;
import dev.pgdrill.engine.model.Placeholders;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.StepType;

/** JSON Schema fragments for one step type and its parameters; see {@link SchemaGenerator}. */
final class StepSchemas {
    static final String DURATION = "^((\\d+(\\.\\d+)?(ms|s|m|h))+|" + Placeholders.SCHEMA_PATTERN + ")$";
    /** A step's duration parameter: a duration, or a range of them ({@code 200ms..3s}) drawn at run time. */
    static final String DURATION_OR_RANGE = "^((\\d+(\\.\\d+)?(ms|s|m|h))+( *\\.\\. *(\\d+(\\.\\d+)?(ms|s|m|h))+)?|"
            + Placeholders.SCHEMA_PATTERN + ")$";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StepSchemas() {
    }

    /** What may follow the type key: the parameter mapping, the shorthand scalar, or nothing. */
    static ObjectNode value(StepType<?> t) {
        ObjectNode v = F.objectNode();
        v.put("description", t.description());
        ArrayNode anyOf = v.putArray("anyOf");
        anyOf.addObject().put("$ref", "#/definitions/params-" + t.key());
        if (t.shorthand() != null) {
            StepReader.param(t, t.shorthand()).ifPresent(p -> anyOf.add(param(p)));
        }
        if (t.params().stream().noneMatch(Param::required)) {
            anyOf.addObject().put("type", "null");
        }
        return v;
    }

    static ObjectNode params(StepType<?> t) {
        ObjectNode o = F.objectNode();
        o.put("type", "object");
        o.put("description", t.description());
        o.put("additionalProperties", false);
        ObjectNode props = o.putObject("properties");
        ArrayNode required = F.arrayNode();
        for (Param p : t.params()) {
            props.set(p.name(), param(p));
            if (p.required()) {
                required.add(p.name());
            }
        }
        if (!required.isEmpty()) {
            o.set("required", required);
        }
        return o;
    }

    static ObjectNode param(Param p) {
        ObjectNode s = F.objectNode();
        s.put("description", describe(p));
        String ref = Placeholders.SCHEMA_PATTERN;
        switch (p.type()) {
            case STRING, SQL -> s.set("type", strings("string", "number", "boolean"));
            case SQL_STATEMENTS -> {
                s.set("type", strings("string", "number", "boolean", "array"));
                s.put("minItems", 1).putObject("items").set("type", strings("string", "number", "boolean"));
            }
            case INTEGER -> s.<ObjectNode>set("type", strings("integer", "string"))
                    .put("pattern", "^(-?\\d+|" + ref + ")$");
            case NUMBER -> s.<ObjectNode>set("type", strings("number", "string"))
                    .put("pattern", "^(-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?|" + ref + ")$");
            case BOOLEAN -> s.<ObjectNode>set("type", strings("boolean", "string"))
                    .put("pattern", "^(true|false|yes|no|on|off|True|False|Yes|No|On|Off|TRUE|FALSE|YES|NO|ON|OFF|"
                            + ref + ")$");
            case DURATION -> s.put("type", "string").put("pattern", DURATION_OR_RANGE);
            case BYTES -> s.<ObjectNode>set("type", strings("integer", "string"))
                    .put("pattern", "^(\\d+\\s*([kKmMgG]?[bB])?|" + ref + ")$");
            case NODE -> s.put("type", "string").set("examples", strings("primary", "replica"));
            case NODES -> {
                s.set("type", strings("string", "array"));
                s.put("minItems", 1).putObject("items").put("type", "string");
            }
            case NODE_NAME, BACKUP -> s.put("type", "string").put("pattern", "^(" + Names.SAFE.pattern() + "|" + ref + ")$");
            case ENUM -> {
                s.put("type", "string");
                ArrayNode anyOf = s.putArray("anyOf");
                anyOf.addObject().set("enum", strings(p.allowed().toArray(String[]::new)));
                anyOf.addObject().put("pattern", "^" + ref + "$");
            }
            case MAP -> s.put("type", "object");
            case LIST -> s.set("type", strings("array", "string", "number", "boolean"));
            case ANY -> {
            }
        }
        defaultValue(s, p);
        return s;
    }

    /** The default as a JSON value of the parameter's kind; a default that only describes itself is kept as text. */
    private static void defaultValue(ObjectNode s, Param p) {
        String d = p.defaultValue();
        if (d == null) {
            return;
        }
        Object value = p.parse(d);
        switch (p.type()) {
            case INTEGER, NUMBER, BOOLEAN -> {
                if (value != null) {
                    s.putPOJO("default", value);
                }
            }
            case BYTES -> s.putPOJO("default", d.matches("\\d+") ? value : d);
            case MAP, LIST, ANY -> {
            }
            default -> s.put("default", d);
        }
    }

    /** A JSON array of texts: the names in a {@code "type"} list, the values of an enum. */
    static ArrayNode strings(String... values) {
        ArrayNode a = F.arrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    /** Parameter description with its default, for editors. */
    static String describe(Param p) {
        String d = p.description() == null ? "" : p.description();
        return p.defaultValue() == null ? d : d + " (default: " + p.defaultValue() + ")";
    }
}
