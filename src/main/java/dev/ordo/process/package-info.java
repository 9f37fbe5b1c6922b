/** The engine client: the only application code that talks to Camunda (order types, milestones, decisions, correlation). */
package dev.ordo.process;
