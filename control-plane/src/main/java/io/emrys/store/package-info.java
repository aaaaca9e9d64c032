/**
 * Durable state. Start at {@link io.emrys.store.Database} (SQLite + versioned Flyway migrations in
 * {@code db/migration}); each table has one DAO with its SQL in text blocks and rows as records. Every
 * transition is committed here before it is acted on, so a restart can rebuild everything from this store.
 * <p>Layering: may use only {@code error}: every layer above writes through it (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.store;
