/** Products, warehouses and stock levels for operations. */
package dev.ordo.catalog;
