/** HTTP concerns shared by every feature: problem+json errors, body size limit, OpenAPI. */
package dev.ordo.web;
