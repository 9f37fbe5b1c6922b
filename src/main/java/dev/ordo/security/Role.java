package dev.ordo.security;

/** The roles of the API contract. */
public enum Role {
    STOREFRONT, CARRIER, OPS;

    public String authority() {
        return "ROLE_" + name();
    }
}
