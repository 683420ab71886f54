package dev.pgdrill.engine.step;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one parameter of a step type on a component of the step's parameter record; the only place
 * a parameter's name, kind, default and description are written. {@link ParamBinder} derives from it
 * the {@link Param} seen by the validator, {@code runner steps} and the JSON Schema, and binds the
 * values a step receives at run time.
 *
 * <p>The YAML key is the component name in kebab case ({@code archiveFirst} is {@code archive-first})
 * unless {@link #name()} gives it (e.g. {@code for}, a Java keyword). The kind follows the Java type
 * ({@code String} text, {@code long} whole number, {@code double} number, {@code boolean},
 * {@code Duration}, an enum (its constants in kebab case), {@code Map}, {@code List}, {@code Object}
 * any value) unless {@link #type()} refines it ({@code SQL}, {@code NODE}, {@code NODE_NAME},
 * {@code BACKUP}, {@code BYTES}). Rules on one bound value belong in the record's compact constructor,
 * thrown as {@link ParamProblem}: they are checked when the scenario loads (for values written in it)
 * and again when the step runs (for values known only then).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface StepParam {
    /** Marks "not given" in {@link #name()}, {@link #value()} defaults and {@link #shown()}. */
    String NONE = "";

    /** One line for {@code runner steps} and the schema. */
    String value();

    /** The value used when the parameter is left out, written as in YAML; bound like a written value. */
    String dflt() default NONE;

    /** What the default is, for people, when no value stands for it (e.g. "the drill database"); binds to null. */
    String shown() default NONE;

    boolean required() default false;

    /** The YAML key, when it is not the component name in kebab case. */
    String name() default NONE;

    /** This parameter is what a scalar after the step key stands for ({@code stop: primary}); at most one. */
    boolean shorthand() default false;

    /** Refines the kind the Java type gives; {@link ParamType#ANY} means "from the Java type". */
    ParamType type() default ParamType.ANY;
}
