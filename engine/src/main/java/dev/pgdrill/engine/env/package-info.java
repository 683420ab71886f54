/**
 * The Environment port: {@code Environment} and {@code Node} and the values they exchange (backups,
 * recovery targets, restore requests, stop modes). The engine defines it; the environment module
 * implements it (local processes, Compose). Nothing here knows a backend.
 */
package dev.pgdrill.engine.env;
