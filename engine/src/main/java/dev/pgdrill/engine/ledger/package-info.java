/** Write ledgers: which writes were acknowledged, failed or unknown, and whether they survived; read by rpo and rto. */
package dev.pgdrill.engine.ledger;
