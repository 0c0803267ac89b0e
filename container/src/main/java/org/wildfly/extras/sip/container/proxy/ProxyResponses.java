package org.wildfly.extras.sip.container.proxy;

import java.util.ArrayList;
import java.util.List;

import org.wildfly.extras.sip.container.message.SipServletResponseImpl;

/** How a proxy answers upstream when its branches are done, and the reasons it gives when it cancels them. */
final class ProxyResponses {

    private ProxyResponses() {
    }

    /**
     * The response to send upstream when every branch failed (RFC 3261 §16.7 step 6): a 6xx if any, else the lowest
     * class, 503 becoming 500; 408 if no branch answered at all.
     */
    static SipServletResponseImpl best(List<ProxyBranchImpl> branches, ProxyServices services) {
        SipServletResponseImpl best = null;
        for (ProxyBranchImpl branch : branches) {
            SipServletResponseImpl response = branch.complete() ? (SipServletResponseImpl) branch.getResponse() : null;
            if (response == null) {
                continue;
            }
            if (best == null || rank(response.getStatus()) < rank(best.getStatus())) {
                best = response;
            }
        }
        if (best == null) {
            return services.synthesize(branches.get(0), 408);
        }
        if (best.getStatus() == 503) {
            best.raw().setStatus(500, "Server Internal Error");
        }
        best.setBranchResponse(false);
        return best;
    }

    private static int rank(int status) {
        return (status >= 600) ? 0 : (status / 100) * 1000 + status % 100;
    }

    /** @return the Reason header values (RFC 3326) of {@code Proxy.cancel(protocol, reasonCode, reasonText)} */
    static List<String> reasons(String[] protocol, int[] reasonCode, String[] reasonText) {
        if (protocol == null || reasonCode == null || reasonText == null) {
            return List.of();
        }
        if (protocol.length != reasonCode.length || protocol.length != reasonText.length) {
            throw new IllegalArgumentException("Reason protocols, codes and texts must be as many: " + protocol.length + ", " + reasonCode.length + ", " + reasonText.length);
        }
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < protocol.length; i++) {
            reasons.add(protocol[i] + ";cause=" + reasonCode[i] + ";text=\"" + reasonText[i].replace("\"", "'") + '"');
        }
        return reasons;
    }
}
