package org.wildfly.extras.sip.container.message;

import java.io.Serializable;

import javax.servlet.sip.ar.SipApplicationRoutingRegion;

/**
 * What the application router chose for an initial request (JSR 289 §15.4.1): the application, the region it serves in,
 * and the router's own state, handed back to the router when that application sends the request on.
 * @param application the application's name
 * @param region the routing region, or {@code null}
 * @param stateInfo the router's state, or {@code null}
 */
public record ApplicationSelection(String application, SipApplicationRoutingRegion region, Serializable stateInfo) {
}
