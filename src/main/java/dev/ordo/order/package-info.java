/** Orders: placement with idempotency, the order store and read model, the timeline, status milestones. */
package dev.ordo.order;
