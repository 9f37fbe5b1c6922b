/** The demo profile's warehouses and products. */
package dev.ordo.demo;
