/** API-key authentication for /api, Camunda's HTTP Basic filter for /engine-rest, the demo-credentials guard. */
package dev.ordo.security;
