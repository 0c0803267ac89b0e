package org.wildfly.extras.sip.container;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

import org.wildfly.extras.sip.container.dialog.Identifiers;
import org.wildfly.extras.sip.container.message.MessageSender;
import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.syntax.Parameters;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SipUriSyntax;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * Where this node is, as the headers it writes say it: Via (its own address: transactions die with it), Contact and
 * Record-Route (the advertised address, when a load balancer fronts the cluster), and the outbound proxy's Route.
 */
final class NodeAddresses {

    private final List<ListeningPoint> listeningPoints;
    private final String advertisedHost;
    private final int advertisedPort;
    private final String outboundRoute;

    /**
     * @param listeningPoints where the node listens, as bound
     * @param advertisedHost the host for Contact and Record-Route; {@code null} for the listening address
     * @param advertisedPort the port that goes with it; -1 for none
     * @param outboundProxy a SIP URI every request this node sends goes through first, or {@code null}
     * @throws IllegalArgumentException if the outbound proxy is not a SIP URI
     */
    NodeAddresses(List<ListeningPoint> listeningPoints, String advertisedHost, int advertisedPort, String outboundProxy) {
        this.listeningPoints = List.copyOf(listeningPoints);
        this.advertisedHost = advertisedHost;
        this.advertisedPort = advertisedPort;
        this.outboundRoute = (outboundProxy != null) ? outboundRoute(outboundProxy) : null;
    }

    /** Checks an outbound proxy as the configuration gives it. @throws IllegalArgumentException if it is not a SIP URI */
    static void checkOutboundProxy(String proxy) {
        outboundRoute(proxy);
    }

    private static String outboundRoute(String proxy) {
        try {
            SipUriSyntax uri = SipGrammar.parseSipUri(proxy.regionMatches(true, 0, "sip:", 0, 4) || proxy.regionMatches(true, 0, "sips:", 0, 5) ? proxy : "sip:" + proxy);
            uri.parameters().set("lr", "");
            return "<" + uri + ">";
        } catch (SyntaxException e) {
            throw new IllegalArgumentException("The outbound proxy " + proxy + " is not a SIP URI such as sip:10.0.0.10:5060: " + e.getMessage(), e);
        }
    }

    /** @return the listening points */
    List<ListeningPoint> listeningPoints() {
        return this.listeningPoints;
    }

    /**
     * @param transport a transport
     * @return the listening point of that transport
     * @throws IOException if there is none
     */
    ListeningPoint listeningPoint(Transport transport) throws IOException {
        for (ListeningPoint point : this.listeningPoints) {
            if (point.transport() == transport) {
                return point;
            }
        }
        throw new IOException("No " + transport + " connector to send on");
    }

    /** @return the listening point a peer reached, or {@code null} */
    ListeningPoint reachedBy(Peer peer) {
        return this.listeningPoints.stream().filter(point -> peer != null && point.transport() == peer.transport()).findFirst().orElse(null);
    }

    /**
     * Shows a request received for an application as the application sees it, with the address it reached here.
     * @param sender sends what the application sends in answer
     * @param deployment the application, or {@code null} while none is chosen yet (the application router looks)
     */
    SipServletRequestImpl received(MessageSender sender, Deployment deployment, RawRequest raw, ServerTransaction transaction, Peer peer, boolean initial) {
        ListeningPoint local = this.reachedBy(peer);
        return new SipServletRequestImpl(raw, transaction, initial, sender, peer, (local != null) ? local.host() : null, (local != null) ? local.port() : -1,
                (deployment != null) ? deployment.servletContext() : null);
    }

    /**
     * @param request a received request
     * @return where its top Via says its responses go (RFC 3261 §18.2.2: received and rport, else sent-by), or
     *         {@code null} if that Via does not read
     */
    static Peer previousHop(RawRequest request) {
        String via = request.headers().first(HeaderNames.VIA);
        if (via == null) {
            return null;
        }
        try {
            Parameters parameters = new Parameters();
            String[] protocolAndSentBy = SipGrammar.parseParameterable(via, parameters).split("\\s+", 2);
            String protocol = protocolAndSentBy[0];
            Transport transport = Transport.valueOf(protocol.substring(protocol.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT));
            String sentBy = protocolAndSentBy[1].trim();
            int colon = sentBy.lastIndexOf(':');
            boolean hasPort = colon > 0 && sentBy.indexOf(']', colon) < 0;
            String host = (parameters.get("received") != null) ? parameters.get("received") : hasPort ? sentBy.substring(0, colon) : sentBy;
            String rport = parameters.get("rport");
            int port = (rport != null && !rport.isEmpty()) ? Integer.parseInt(rport) : hasPort ? Integer.parseInt(sentBy.substring(colon + 1)) : (transport == Transport.TLS) ? 5061 : 5060;
            return new Peer(transport, host, port);
        } catch (SyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * @return the transport a request's next hop asks for (its top Route, else its request-URI): TLS for a {@code sips:}
     *         URI (RFC 3261 §26.2: TLS to the next hop) or {@code ;transport=tls}, TCP for {@code ;transport=tcp}, else UDP
     */
    static Transport transportOf(RawRequest request) {
        String target = request.headers().contains(HeaderNames.ROUTE) ? request.headers().first(HeaderNames.ROUTE) : request.requestUri();
        String uri = target.trim().toLowerCase(Locale.ROOT);
        int bracket = uri.indexOf('<');
        if (bracket >= 0) {
            uri = uri.substring(bracket + 1);
        }
        if (uri.startsWith("sips:") || uri.contains("transport=tls")) {
            return Transport.TLS;
        }
        return uri.contains("transport=tcp") ? Transport.TCP : Transport.UDP;
    }

    /** Puts this node's Via, with a new branch, on top of a request that leaves it (over the transport its destination asks for). */
    void addTopVia(RawRequest request) throws IOException {
        this.addTopVia(request, Identifiers.branch());
    }

    /** Puts this node's Via on top of a request that leaves it, with the branch given. */
    void addTopVia(RawRequest request, String branch) throws IOException {
        this.addTopVia(request, branch, null);
    }

    /**
     * Puts this node's Via on top of a request that leaves it, with the branch given, from the application's outbound
     * interface if it chose one of this transport ({@code setOutboundInterface}): the transport sends the request from the listening
     * point its Via names.
     */
    void addTopVia(RawRequest request, String branch, InetSocketAddress outbound) throws IOException {
        Transport transport = transportOf(request);
        ListeningPoint local = this.listeningPoint(transport, outbound);
        request.headers().addFirst(HeaderNames.VIA, "SIP/2.0/" + transport + ' ' + local.host() + ':' + local.port() + ";branch=" + branch + ";rport");
    }

    /**
     * @param outbound the interface the application chose ({@code setOutboundInterface}), or {@code null}; port 0: any
     * @return the listening point of the transport at that interface, else the first of the transport
     */
    ListeningPoint listeningPoint(Transport transport, InetSocketAddress outbound) throws IOException {
        ListeningPoint chosen = this.chosen(transport, outbound);
        return (chosen != null) ? chosen : this.listeningPoint(transport);
    }

    /** @return the listening point of the transport at the application's outbound interface, or {@code null} */
    private ListeningPoint chosen(Transport transport, InetSocketAddress outbound) {
        if (outbound == null) {
            return null;
        }
        String host = (outbound.getAddress() != null) ? outbound.getAddress().getHostAddress() : outbound.getHostString();
        for (ListeningPoint point : this.listeningPoints) {
            if (point.transport() == transport && point.host().equalsIgnoreCase(host) && (outbound.getPort() == 0 || outbound.getPort() == point.port())) {
                return point;
            }
        }
        return null;
    }

    /**
     * Sends a request that leaves this node through the outbound proxy, if there is one, as a pre-loaded Route (RFC 3261
     * §8.1.2): behind a load balancer, the peers then see every request of a call come from the balancer, and send their
     * answers and their own requests there, whichever node the call is on now. A CANCEL copies the Routes of its INVITE.
     */
    void routeOutbound(RawRequest request) {
        if (this.outboundRoute != null && !request.method().equals("CANCEL")) {
            request.headers().addFirst(HeaderNames.ROUTE, this.outboundRoute);
        }
    }

    /**
     * @return our Contact for a transport: the advertised address if there is one, else the listening point's; for TLS,
     *         a {@code sips:} URI of the TLS listening point itself (RFC 5630: TLS on every hop; a load balancer in front
     *         of the UDP and TCP connectors does not carry TLS)
     */
    String contact(Transport transport) {
        return this.contact(transport, null);
    }

    /** @return our Contact for a transport, at the application's outbound interface if it chose one of the transport */
    String contact(Transport transport, InetSocketAddress outbound) {
        if (transport == Transport.TLS) {
            for (ListeningPoint point : this.listeningPoints) {
                if (point.transport() == Transport.TLS) {
                    return "<" + secureBase(point) + ">";
                }
            }
        }
        ListeningPoint local = this.chosen(transport, outbound);
        if (local == null) {
            for (ListeningPoint point : this.listeningPoints) {
                if (local == null || point.transport() == transport) {
                    local = point;
                    if (point.transport() == transport) {
                        break;
                    }
                }
            }
        }
        String host = (this.advertisedHost != null) ? this.advertisedHost : local.uriHost();
        int port = (this.advertisedHost != null) ? this.advertisedPort : local.port();
        return "<sip:" + host + ((port > 0) ? ":" + port : "") + ((local.transport() == Transport.TCP) ? ";transport=tcp" : "") + ">";
    }

    /** Our Contact for a request, with the user part a B2BUA asked for (JSR 289 §12.2.1). */
    String contactWithUser(RawRequest request, String user) {
        String contact = this.contact(transportOf(request));
        int scheme = contact.indexOf(':') + 1;
        return contact.substring(0, scheme) + user + "@" + contact.substring(scheme);
    }

    /** @return the base of a proxy's Record-Route: the advertised address, else the first listening point */
    String recordRouteBase() {
        ListeningPoint local = this.listeningPoints.get(0);
        String host = (this.advertisedHost != null) ? this.advertisedHost : local.host();
        int port = (this.advertisedHost != null) ? this.advertisedPort : local.port();
        return "sip:" + host + ((port > 0) ? ":" + port : "");
    }

    /**
     * @return the base of a proxy's Record-Route for a dialog whose upstream side is TLS: the TLS listening point's
     *         {@code sips:} URI, or {@code null} without one
     */
    String secureRecordRouteBase() {
        for (ListeningPoint point : this.listeningPoints) {
            if (point.transport() == Transport.TLS) {
                return secureBase(point);
            }
        }
        return null;
    }

    private static String secureBase(ListeningPoint point) {
        return "sips:" + point.uriHost() + ":" + point.port();
    }

    /** @return whether a URI names this node or the cluster's advertised address */
    boolean isOwn(SipUriSyntax uri) {
        int port = (uri.port() > 0) ? uri.port() : (uri.isSecure() ? 5061 : 5060);
        if (this.advertisedHost != null && this.advertisedHost.equalsIgnoreCase(uri.host()) && (this.advertisedPort <= 0 ? 5060 : this.advertisedPort) == port) {
            return true;
        }
        for (ListeningPoint point : this.listeningPoints) {
            if (point.host().equalsIgnoreCase(uri.host()) && point.port() == port) {
                return true;
            }
        }
        return false;
    }

    /** @return whether a Via is one this node wrote */
    boolean isOwnVia(String via) {
        try {
            String sentBy = SipGrammar.parseParameterable(via, new Parameters());
            String hostPort = sentBy.substring(sentBy.lastIndexOf(' ') + 1);
            for (ListeningPoint point : this.listeningPoints) {
                if (hostPort.equalsIgnoreCase(point.host() + ':' + point.port())) {
                    return true;
                }
            }
        } catch (SyntaxException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
