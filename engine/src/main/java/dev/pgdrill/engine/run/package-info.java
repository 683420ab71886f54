/** The executor: runs a validated scenario step by step through the Environment port, with deadlines and cleanup, and tells listeners. */
package dev.pgdrill.engine.run;
