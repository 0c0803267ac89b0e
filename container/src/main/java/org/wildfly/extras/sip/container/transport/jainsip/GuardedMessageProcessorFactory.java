package org.wildfly.extras.sip.container.transport.jainsip;

import java.io.IOException;
import java.net.InetAddress;

import javax.sip.ListeningPoint;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import org.wildfly.extras.sip.container.transport.BadInputLog;
import org.wildfly.extras.sip.container.transport.TransportLimits;

/**
 * Makes the stack's listening points: the NIO ones (one selector thread for all TCP connections, where the stack's
 * default gave each connection two threads), guarded by {@link TransportLimits}. Set on the stack before it listens.
 */
final class GuardedMessageProcessorFactory extends NioMessageProcessorFactory {

    private final TransportLimits limits;
    private final BadInputLog badInput;

    GuardedMessageProcessorFactory(TransportLimits limits, BadInputLog badInput) {
        this.limits = limits;
        this.badInput = badInput;
    }

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port, String transport) throws IOException {
        if (transport.equalsIgnoreCase(ListeningPoint.UDP)) {
            // the stock factory sets the stack's flag (package-private) that makes UDP messages leave from the listening
            // socket, not from a new one on another port: let it make a throwaway processor on any port, and stop it
            MessageProcessor stock = super.createMessageProcessor(stack, address, 0, transport);
            try {
                stock.stop();
            } catch (RuntimeException e) {
                // its stop expects channels it never made; its socket is closed by then
            }
            return new GuardedUdpProcessor(address, stack, port, this.limits, this.badInput);
        }
        if (transport.equalsIgnoreCase(ListeningPoint.TCP)) {
            return new GuardedTcpProcessor(address, stack, port, this.limits, this.badInput);
        }
        return super.createMessageProcessor(stack, address, port, transport);
    }
}
