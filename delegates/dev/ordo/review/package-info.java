/** Manual review of risky orders (the order-risk decision said REVIEW). */
package dev.ordo.review;
