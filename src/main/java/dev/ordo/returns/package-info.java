/**
 * Returns (RMAs): the API, the returns table and the rules of what may be returned (src); the
 * return's lifecycle is processes/return-order.bpmn, its steps live with their ports in delegates/.
 */
package dev.ordo.returns;
