/**
 * Durable state. Start at {@link io.emrys.store.Database} (SQLite + versioned Flyway migrations in
 * {@code db/migration}); each table has one DAO with its SQL in text blocks and rows as records. Every
 * transition is committed here before it is acted on, so a restart can rebuild everything from this store.
 * {@link io.emrys.store.CommittedView} is the one decide-commit-apply view of stored rows that services serve reads from,
 * and {@link io.emrys.store.ServiceContext} what every service is built from.
 * <p>Layering: may use only {@code error} and {@code common}: every layer above writes through it (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.store;
