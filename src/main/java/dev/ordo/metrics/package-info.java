/**
 * Ordo's own metrics for {@code /actuator/prometheus}: orders by type and status, open incidents and
 * the job backlog. Adapter call timings are recorded where the calls happen ({@code dev.ordo.adapter.AdapterCalls}).
 */
package dev.ordo.metrics;
