/** Listeners that render a run: console progress, JSON journal, JUnit XML, HTML report; and re-rendering from a journal. */
package dev.pgdrill.engine.report;
