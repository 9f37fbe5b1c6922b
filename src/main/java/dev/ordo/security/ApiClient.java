package dev.ordo.security;

/** Who is calling: the name of the API key, its role and, for storefront keys, its sales channel. */
public record ApiClient(String name, Role role, String channel) {

    /** Storefronts see their own channel's orders only; ops see all. */
    public boolean maySee(String orderChannel) {
        return role == Role.OPS || (role == Role.STOREFRONT && orderChannel.equals(channel));
    }
}
