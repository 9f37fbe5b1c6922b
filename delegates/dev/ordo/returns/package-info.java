/** The inspection task of a return (process return-order): what the inspector sees and decides. */
package dev.ordo.returns;
