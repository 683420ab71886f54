package dev.pgdrill.engine.model;

/** A figure a step measured, e.g. {@code replay_lag_bytes = 1520 bytes}. */
public record Measurement(String name, double value, String unit) {
}
