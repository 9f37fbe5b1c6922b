/** What all adapters share: the incident-ready failure and the simulators' own-transaction ledger. */
package dev.ordo.adapter;
