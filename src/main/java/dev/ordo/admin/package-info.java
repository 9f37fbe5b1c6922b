/** Operations endpoints: process version migration. */
package dev.ordo.admin;
