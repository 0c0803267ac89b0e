package org.wildfly.extras.sip.container.transport.jainsip;

import java.lang.reflect.Field;
import java.text.ParseException;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.ServerResponseInterface;
import gov.nist.javax.sip.stack.StackMessageFactory;

/**
 * Hands a response that belongs to no client transaction (a 2xx the callee sends again until its ACK arrives, an
 * answer after its transaction ended) straight to the stack's listener. The stack would first look for its transaction
 * by walking every client transaction it holds and comparing each, lower-casing their Via parameters on the way: a walk
 * that grows with the calls in progress and is repeated for every such response, on the one thread that parses UDP. In
 * the profile of a proxy at 800 calls/s it was half of that thread's time, and under load it feeds itself (slower
 * answers, more 2xx sent again, more walks). A response with an RFC 3261 branch is found by key or not at all, so the
 * walk can only find what the look-up by key found; responses of older UAs still take the stack's path.
 */
final class StrayResponses {

    private static final String MAGIC_COOKIE = "z9hg4bk";
    private static final Field MESSAGE_FACTORY = messageFactoryField();

    private StrayResponses() {
    }

    /**
     * @param channel the channel the response came on
     * @param response a parsed response
     * @return whether it was stray and is handled (delivered, or dropped as malformed); {@code false} to let the stack have it
     */
    static boolean deliver(MessageChannel channel, SIPResponse response) {
        if (MESSAGE_FACTORY == null) {
            return false;
        }
        String key = response.getTransactionId();
        SIPTransactionStack stack = channel.getSIPStack();
        if (key == null || !key.startsWith(MAGIC_COOKIE) || stack.findTransaction(key, false) != null) {
            return false;
        }
        try {
            response.checkHeaders();
        } catch (ParseException e) {
            return true; // the stack drops it too
        }
        ServerResponseInterface listener;
        try {
            listener = ((StackMessageFactory) MESSAGE_FACTORY.get(stack)).newSIPServerResponse(response, channel);
        } catch (IllegalAccessException e) {
            return false;
        }
        if (listener != null) {
            listener.processResponse(response, channel);
        }
        return true;
    }

    private static Field messageFactoryField() {
        try {
            Field field = SIPTransactionStack.class.getDeclaredField("sipMessageFactory");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.getLogger(StrayResponses.class.getName()).log(System.Logger.Level.WARNING,
                    "Stray SIP responses take the stack's slow path: its message factory cannot be read ({0})", e.toString());
            return null;
        }
    }
}
