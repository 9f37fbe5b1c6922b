/** Payments: Ordo's payment records (src) and the payment port, simulator and delegates (delegates/). */
package dev.ordo.payment;
