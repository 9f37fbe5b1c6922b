/** Shipments: carrier events in (src) and the carrier port, simulator and label delegates (delegates/). */
package dev.ordo.shipping;
