package org.wildfly.extras.sip.container.transport;

/**
 * A request turned away before the transport keeps any state for it: the transport answers it once, statelessly
 * (RFC 3261 §8.2.6), and the request goes no further. A copy of it sent again within 64*T1 gets the same answer.
 * @param status the final status, 400 or above
 * @param reasonPhrase the reason phrase
 * @param retryAfterSeconds the Retry-After to send (RFC 3261 §20.33), or 0 for none
 */
public record Refusal(int status, String reasonPhrase, int retryAfterSeconds) {

    public Refusal {
        if (status < 400 || status > 699) {
            throw new IllegalArgumentException("A refusal is a final error response, not " + status);
        }
    }
}
