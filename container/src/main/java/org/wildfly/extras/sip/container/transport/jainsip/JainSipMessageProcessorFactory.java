package org.wildfly.extras.sip.container.transport.jainsip;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * Gives the stack our {@link BoundedUdpMessageProcessor} for UDP and its own processors for the other transports.
 * The stack loads it by name ({@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}).
 */
public final class JainSipMessageProcessorFactory implements MessageProcessorFactory {

    private final MessageProcessorFactory others = new OIOMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port, String transport) throws IOException {
        if (!"udp".equalsIgnoreCase(transport)) {
            return this.others.createMessageProcessor(stack, address, port, transport);
        }
        BoundedUdpMessageProcessor processor = new BoundedUdpMessageProcessor(address, stack, port, BoundedUdpMessageProcessor.QUEUE_BYTES);
        sendFromListeningSocket(stack);
        return processor;
    }

    /**
     * Tells the stack to send UDP from the listening point's socket, as its own factory does through a field it alone can
     * reach: from any other port, a peer or a balancer that answers or checks the source port would miss our messages.
     */
    private static void sendFromListeningSocket(SIPTransactionStack stack) throws IOException {
        try {
            Field flag = SIPTransactionStack.class.getDeclaredField("udpFlag");
            flag.setAccessible(true);
            flag.setBoolean(stack, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("This JAIN-SIP version does not let UDP be sent from the listening socket: " + e, e);
        }
    }
}
