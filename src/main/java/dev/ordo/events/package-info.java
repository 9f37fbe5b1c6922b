/**
 * Events out: the outbox filled from the order timeline in the transaction of each change, the
 * pull feed {@code GET /api/v1/events}, webhook subscriptions and the signed, ordered, retried
 * delivery of events to them.
 */
package dev.ordo.events;
