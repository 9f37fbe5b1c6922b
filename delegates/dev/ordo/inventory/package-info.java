/** Inventory: the stock port, its adapter on Ordo's tables, and the reserve/release/commit delegates. */
package dev.ordo.inventory;
