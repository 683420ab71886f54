package dev.pgdrill.engine.step;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a step's parameter record once (see {@link StepParam}) and derives from it the declared
 * {@link Param}s and the binding of values to a record instance: defaults filled in, each value
 * converted to its component's type, enums matched by their YAML names, then the record's own rules run.
 *
 * @param <P> the parameter record
 */
public final class ParamBinder<P extends Record> {
    /** The kind each Java type of a component stands for (enums are {@link ParamType#ENUM}, others ANY). */
    private static final Map<Class<?>, ParamType> KINDS = Map.of(long.class, ParamType.INTEGER,
            Long.class, ParamType.INTEGER, double.class, ParamType.NUMBER, Double.class, ParamType.NUMBER,
            boolean.class, ParamType.BOOLEAN, Boolean.class, ParamType.BOOLEAN, Duration.class, ParamType.DURATION,
            Map.class, ParamType.MAP, List.class, ParamType.LIST, String.class, ParamType.STRING);
    private final Class<P> record;
    private final RecordComponent[] components;
    private final List<Param> params;
    /** Per component: the default bound when it is left out, or null. */
    private final String[] defaults;
    private final Constructor<P> constructor;

    public ParamBinder(Class<P> record) {
        this.record = record;
        this.components = record.getRecordComponents();
        this.params = Arrays.stream(components).map(ParamBinder::declared).toList();
        this.defaults = Arrays.stream(components).map(c -> c.getAnnotation(StepParam.class).dflt())
                .map(d -> d.equals(StepParam.NONE) ? null : d).toArray(String[]::new);
        try {
            this.constructor = record.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(record.getName() + " has no canonical constructor", e);
        }
    }

    /** The YAML key of the shorthand parameter, or null. */
    public String shorthand() {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getAnnotation(StepParam.class).shorthand()) {
                return params.get(i).name();
            }
        }
        return null;
    }

    /** The parameters in declaration order. */
    public List<Param> params() {
        return params;
    }

    /**
     * Binds {@code values} (resolved, YAML-typed) to a record. Left-out parameters take their default.
     *
     * @throws StepFailure naming the parameter when a value does not convert or a rule of the record fails
     */
    public P bind(Map<String, Object> values) {
        Object[] bound = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Param p = params.get(i);
            bound[i] = convert(values.getOrDefault(p.name(), defaults[i]), p, components[i].getType());
        }
        try {
            return constructor.newInstance(bound);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind " + record.getName(), e);
        }
    }

    private static Object convert(Object v, Param p, Class<?> type) {
        if (v == null) {
            if (p.required()) {
                throw new StepFailure("parameter '" + p.name() + "' is required");
            }
            // only boxed components may be left out without a default; collections are then empty
            return type == List.class ? List.of() : type == Map.class ? Map.of() : null;
        }
        if (type == Map.class) {
            return v instanceof Map<?, ?> ? v : Map.of();
        }
        if (type == List.class) {
            return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v));
        }
        Object bound = p.parse(v);
        if (bound == null) {
            throw new StepFailure("parameter '" + p.name() + "': expected " + p.expected() + ", found '" + v + "'");
        }
        return type.isEnum() ? constant(type, (String) bound) : bound;
    }

    private static Object constant(Class<?> type, String yamlName) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> yamlName((Enum<?>) c).equals(yamlName))
                .findFirst().orElseThrow();
    }

    /** An enum constant as written in YAML: {@code NOT_STARTED} is {@code not-started}. */
    public static String yamlName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Param declared(RecordComponent c) {
        StepParam a = c.getAnnotation(StepParam.class);
        if (a == null) {
            throw new IllegalStateException(c.getDeclaringRecord().getName() + "." + c.getName() + " lacks @StepParam");
        }
        String name = a.name().equals(StepParam.NONE) ? c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT) : a.name();
        ParamType type = a.type() == ParamType.ANY ? typeOf(c.getType()) : a.type();
        List<String> allowed = c.getType().isEnum()
                ? Arrays.stream(c.getType().getEnumConstants()).map(e -> yamlName((Enum<?>) e)).toList() : List.of();
        String dflt = !a.dflt().equals(StepParam.NONE) ? a.dflt() : a.shown().equals(StepParam.NONE) ? null : a.shown();
        if (c.getType().isPrimitive() && !a.required() && dflt == null) {
            throw new IllegalStateException(c.getDeclaringRecord().getName() + "." + c.getName()
                    + " is optional without a default: declare it boxed (null when left out)");
        }
        return new Param(name, type, a.required(), a.value(), allowed, dflt);
    }

    private static ParamType typeOf(Class<?> t) {
        return t.isEnum() ? ParamType.ENUM : KINDS.getOrDefault(t, ParamType.ANY);
    }
}
