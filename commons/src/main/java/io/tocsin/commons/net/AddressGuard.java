package io.tocsin.commons.net;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which addresses Tocsin may call for its users (webhook contact methods): public addresses only, unless an operator
 * allows a network or host ({@code tocsin.webhooks.allow}, env {@code TOCSIN_WEBHOOK_ALLOW}: CIDRs, addresses or host
 * names, comma-separated) for teams that page into their own network. Without it a webhook URL could reach the
 * cluster's databases, the cloud metadata service or Tocsin's own APIs, and its failures would map ports.
 * <p>
 * Checked twice: {@link #checkUrl} when the URL is saved (no DNS: addresses written as literals, in any spelling
 * Java accepts, and local names), and {@link #resolve} right before each send, after DNS resolution; the caller
 * then connects to the returned, checked address, so a name that re-resolves elsewhere (DNS rebinding) cannot
 * slip through between check and connect.
 */
@Singleton
public class AddressGuard {

    /** Resolves a host name to its addresses: the JDK's resolver, or a stand-in in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A URL or address the guard refuses; the message says why (for logs and 422 answers). */
    public static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A network: address bytes, prefix length and what it is. */
    record Network(byte[] bytes, int prefix, String what) {

        static Network parse(String cidr, String what) {
            String[] parts = cidr.trim().split("/", 2);
            byte[] bytes = literal(parts[0]).getAddress();
            int prefix = parts.length == 1 ? bytes.length * 8 : Integer.parseInt(parts[1].trim());
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("Bad prefix length in " + cidr);
            }
            return new Network(bytes, prefix, what);
        }

        boolean contains(byte[] address) {
            if (address.length != bytes.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (bytes[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The plain IPv4 form, a.b.c.d in decimal without leading zeros (declared before the tables that use it). */
    private static final Pattern PLAIN_IPV4 =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    /** A host whose last label is a number (decimal, octal or hex) is an address to URL parsers, not a name. */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(.*\\.)?(0x[0-9a-f]*|[0-9]+)");

    private static final List<Network> INTERNAL = List.of(
            Network.parse("0.0.0.0/8", "an unspecified address"),
            Network.parse("10.0.0.0/8", "a private address"),
            Network.parse("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
            Network.parse("127.0.0.0/8", "a loopback address"),
            Network.parse("169.254.0.0/16", "a link-local address (cloud metadata)"),
            Network.parse("172.16.0.0/12", "a private address"),
            Network.parse("192.0.0.0/24", "an IETF protocol address"),
            Network.parse("192.0.2.0/24", "a documentation address"),
            Network.parse("192.88.99.0/24", "a 6to4 relay address"),
            Network.parse("192.168.0.0/16", "a private address"),
            Network.parse("198.18.0.0/15", "a benchmarking address"),
            Network.parse("198.51.100.0/24", "a documentation address"),
            Network.parse("203.0.113.0/24", "a documentation address"),
            Network.parse("224.0.0.0/4", "a multicast address"),
            Network.parse("240.0.0.0/4", "a reserved address"),
            Network.parse("::/128", "an unspecified address"),
            Network.parse("::1/128", "a loopback address"),
            Network.parse("64:ff9b:1::/48", "a local NAT64 address"),
            Network.parse("100::/64", "a discard address"),
            Network.parse("2001::/23", "an IETF protocol address (Teredo)"),
            Network.parse("2001:db8::/32", "a documentation address"),
            Network.parse("fc00::/7", "a private (unique local) address"),
            Network.parse("fe80::/10", "a link-local address"),
            Network.parse("fec0::/10", "a site-local address"),
            Network.parse("ff00::/8", "a multicast address"));

    /**
     * IPv6 ranges that carry an IPv4 address, which is what counts. (IPv4-mapped addresses, ::ffff:a.b.c.d, need no
     * entry: Java turns them into the IPv4 address itself.)
     */
    private static final List<Network> EMBEDDING_IPV4 = List.of(
            Network.parse("::/96", "IPv4-compatible"),
            Network.parse("64:ff9b::/96", "NAT64"),
            Network.parse("2002::/16", "6to4"));

    private final List<Network> allowedNetworks = new ArrayList<>();
    private final Set<String> allowedHosts = new HashSet<>();
    private final Resolver resolver;

    @Inject
    public AddressGuard(@ConfigProperty(name = "tocsin.webhooks.allow") Optional<List<String>> allow) {
        this(allow.orElse(List.of()), InetAddress::getAllByName);
    }

    public AddressGuard(List<String> allow, Resolver resolver) {
        this.resolver = resolver;
        for (String entry : allow) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.contains("/") || trimmed.contains(":") || PLAIN_IPV4.matcher(trimmed).matches()) {
                allowedNetworks.add(Network.parse(trimmed, "allowed by tocsin.webhooks.allow"));
            } else {
                allowedHosts.add(normalise(trimmed));
            }
        }
    }

    /**
     * At save, without DNS: an http(s) URL with a host, and that host not an internal address (written in any
     * form) nor a local name. Names are checked again, resolved, at every send.
     */
    public void checkUrl(String url) throws Refused {
        String host = host(url);
        if (allowedHosts.contains(host)) {
            return;
        }
        InetAddress address = addressIn(host);
        if (address != null) {
            check(address, host);
        } else if (host.equals("localhost") || host.endsWith(".localhost")) {
            throw new Refused(host + " is a loopback name");
        }
    }

    /**
     * At send: the address to connect to, after resolving the URL's host and checking every address it resolves to
     * (one internal address among public ones is enough to refuse). Blocks on DNS: call it off the event loop.
     */
    public InetAddress resolve(String url) throws Refused {
        checkUrl(url);
        String host = host(url);
        InetAddress literal = addressIn(host);
        if (literal != null) {
            return literal;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Refused(host + " cannot be resolved");
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused(host + " cannot be resolved");
        }
        if (!allowedHosts.contains(host)) {
            for (InetAddress address : addresses) {
                check(address, host);
            }
        }
        return addresses[0];
    }

    /** Whether Tocsin may connect to this address: a public one, or one inside an allowed network. */
    public boolean allows(InetAddress address) {
        return allowed(address.getAddress()) || internal(address.getAddress()) == null;
    }

    private void check(InetAddress address, String host) throws Refused {
        if (allowed(address.getAddress())) {
            return;
        }
        String what = internal(address.getAddress());
        if (what != null) {
            String shown = address.getHostAddress();
            throw new Refused((host.equals(shown) ? shown : host + " (" + shown + ")") + " is " + what);
        }
    }

    private boolean allowed(byte[] address) {
        return allowedNetworks.stream().anyMatch(n -> n.contains(address));
    }

    /** What kind of internal address this is, or null for a public one. */
    static String internal(byte[] address) {
        for (Network network : INTERNAL) {
            if (network.contains(address)) {
                return network.what();
            }
        }
        if (address.length == 16) {
            for (Network carrier : EMBEDDING_IPV4) {
                if (carrier.contains(address)) {
                    int at = carrier.prefix() == 16 ? 2 : 12;
                    String inner = internal(Arrays.copyOfRange(address, at, at + 4));
                    return inner == null ? null : inner + " inside a " + carrier.what() + " IPv6 address";
                }
            }
        }
        return null;
    }

    /** The lower-case host of an http(s) URL, without brackets or a trailing dot. */
    private static String host(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw new Refused("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("not an http(s) URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused("the URL has no valid host");
        }
        return normalise(uri.getHost());
    }

    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /**
     * The address a host is written as, or null for a name. Only the plain forms (a.b.c.d, IPv6) count as
     * addresses; other numeric spellings (2130706433, 0x7f.1, 0177.0.0.1, 127.1) mean different addresses to
     * different parsers, so they are refused rather than guessed.
     */
    private static InetAddress addressIn(String host) throws Refused {
        if (host.contains(":")) {
            try {
                return literal(host);
            } catch (IllegalArgumentException e) {
                throw new Refused(host + " is not a valid IPv6 address");
            }
        }
        if (PLAIN_IPV4.matcher(host).matches()) {
            return literal(host);
        }
        if (NUMERIC_LAST_LABEL.matcher(host).matches()) {
            throw new Refused(host + " is not a plain IPv4 address (write a.b.c.d)");
        }
        return null;
    }

    /** An address literal, parsed without DNS (the callers have checked that it is one). */
    private static InetAddress literal(String text) {
        if (!text.contains(":") && !PLAIN_IPV4.matcher(text).matches()) {
            throw new IllegalArgumentException("Not an IP address: " + text);
        }
        try {
            // In brackets, Java parses an IPv6 literal or fails; it never asks DNS.
            return InetAddress.getByName(text.contains(":") ? "[" + text + "]" : text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address: " + text, e);
        }
    }
}
