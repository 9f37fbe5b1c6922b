package dev.ordo.events;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Checks subscriber URLs: absolute http(s) with a host; unless private addresses are allowed, the
 * host must resolve only to public addresses (no loopback, private, link-local, unique-local,
 * carrier-grade NAT, wildcard or multicast), so a subscription cannot make Ordo call into its own network.
 */
public final class UrlGuard {
    private final boolean allowPrivateAddresses;

    public UrlGuard(boolean allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    /** @return null when the URL is acceptable, otherwise why not */
    public String problem(String url) {
        if (url == null || url.isBlank()) return "is required";
        if (url.length() > 2000) return "must be at most 2000 characters";
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) return "must be an http or https URL";
        if (uri.getHost() == null || uri.getHost().isBlank()) return "must name a host";
        if (uri.getUserInfo() != null) return "must not contain credentials";
        if (allowPrivateAddresses) return null;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return "host " + uri.getHost() + " does not resolve";
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                return "must not point to a loopback, private or link-local address (" + address.getHostAddress() + ")";
            }
        }
        return null;
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240;
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return false;
    }
}
