/** The one poller: a deadline, doubling pauses and the last value seen in every timeout message. */
package dev.pgdrill.engine.wait;
