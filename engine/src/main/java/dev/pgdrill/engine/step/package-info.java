/**
 * The step API: {@code StepType}, one class per step, with a parameter record annotated with
 * {@code StepParam} (declared once; {@code ParamBinder} derives validation, defaults, {@code runner steps},
 * schema and run-time values), {@code StepContext} (what a running step sees),
 * {@code StepRegistry}.
 */
package dev.pgdrill.engine.step;
