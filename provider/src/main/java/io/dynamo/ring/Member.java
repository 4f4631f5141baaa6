package io.dynamo.ring;

import java.net.InetSocketAddress;

/** A physical node of the ring and where it listens. {@code zone} is "" when zones are not used. */
public record Member(NodeId id, String host, int port, String zone) {
    static final int MAX_HOST_LENGTH = 253;

    public Member {
        if (id == null) {
            throw new RingException("member id must not be null");
        }
        checkHost(host);
        if (port < 1 || port > 65535) {
            throw new RingException("member " + id + ": port " + port + " is outside 1..65535");
        }
        if (zone == null) {
            throw new RingException("member " + id + ": zone must not be null (use \"\" for no zone)");
        }
        if (!zone.isEmpty()) {
            NodeId.checkName("zone of member " + id, zone);
        }
    }

    /** A member without a zone. */
    public Member(NodeId id, String host, int port) {
        this(id, host, port, "");
    }

    /** Parses {@code ID@HOST:PORT} (optionally {@code ID@HOST:PORT/ZONE}); clear RingException when malformed. */
    public static Member parse(String spec) {
        if (spec == null) {
            throw new RingException("member spec must not be null");
        }
        String expected = " (expected ID@HOST:PORT or ID@HOST:PORT/ZONE)";
        int at = spec.indexOf('@');
        if (at < 0) {
            throw new RingException("member '" + spec + "' has no '@'" + expected);
        }
        NodeId id = new NodeId(spec.substring(0, at));
        String rest = spec.substring(at + 1);
        String zone = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            zone = rest.substring(slash + 1);
            if (zone.isEmpty()) {
                throw new RingException("member '" + spec + "' has an empty zone after '/'" + expected);
            }
            rest = rest.substring(0, slash);
        }
        int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            throw new RingException("member '" + spec + "' has no ':PORT'" + expected);
        }
        String host = rest.substring(0, colon);
        if (host.length() >= 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
            host = host.substring(1, host.length() - 1); // [IPv6]:port
        } else if (host.indexOf(':') >= 0) {
            throw new RingException("member '" + spec + "': an IPv6 host must be written in brackets, [" + host + "]");
        }
        if (host.isEmpty()) {
            throw new RingException("member '" + spec + "' has an empty host" + expected);
        }
        String portText = rest.substring(colon + 1);
        int port;
        try {
            port = portText.length() > 5 ? -1 : Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535 || !portText.chars().allMatch(Character::isDigit)) {
            throw new RingException("member '" + spec + "': port '" + portText + "' is not a number in 1..65535");
        }
        return new Member(id, host, port, zone);
    }

    /** The {@code ID@HOST:PORT[/ZONE]} form {@link #parse} reads. */
    public String spec() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return id + "@" + h + ":" + port + (zone.isEmpty() ? "" : "/" + zone);
    }

    /** {@code host:port}, the identity of a node on the wire (DESIGN.md decision 10). */
    public String hostPort() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return spec();
    }

    public boolean hasZone() {
        return !zone.isEmpty();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    private static void checkHost(String host) {
        if (host == null || host.isEmpty()) {
            throw new RingException("member host must not be empty");
        }
        if (host.length() > MAX_HOST_LENGTH) {
            throw new RingException("member host is longer than " + MAX_HOST_LENGTH + " characters");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= ' ' || c == '@' || c == '/' || c == '[' || c == ']' || c > '~') {
                throw new RingException("member host '" + host + "' has a bad character at " + i);
            }
        }
    }
}
