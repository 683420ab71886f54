package dev.pgdrill.engine.model;

/** One point of a time series recorded during a step (e.g. lag while waiting), for charts. */
public record Sample(String series, long epochMillis, double value) {
}
