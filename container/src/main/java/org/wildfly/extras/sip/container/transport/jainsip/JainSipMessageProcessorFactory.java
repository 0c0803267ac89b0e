package org.wildfly.extras.sip.container.transport.jainsip;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import org.wildfly.extras.sip.container.transport.BadInputLog;
import org.wildfly.extras.sip.container.transport.TransportLimits;

/**
 * Gives the stack our listening points, within {@link TransportLimits}: {@link BoundedUdpMessageProcessor} for UDP and
 * {@link GuardedTcpProcessor} for TCP (the stack's NIO processor: one selector thread for all connections, where its
 * default gave each connection two threads); the stack's blocking one for TLS, whose sockets our network layer makes
 * with the host's SSL contexts; the stack's NIO ones for the others.
 * The stack loads it by name ({@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}), with the default limits;
 * {@link JainSipTransport} then sets one with the host's limits before it listens.
 */
public final class JainSipMessageProcessorFactory extends NioMessageProcessorFactory {

    /**
     * Threads that parse UDP datagrams, per listening point: one per processor, at most four. Each parses the calls whose
     * Call-ID falls in its lane, in arrival order; one alone was a node's limit (a proxy: four fifths of its CPU).
     */
    static final int UDP_PARSING_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final TransportLimits limits;
    private final BadInputLog badInput;
    private final MessageProcessorFactory blockingTls = new OIOMessageProcessorFactory();

    /** A factory with the default limits, as the stack makes it by name. */
    public JainSipMessageProcessorFactory() {
        this(TransportLimits.DEFAULTS, BadInputLog.standard());
    }

    JainSipMessageProcessorFactory(TransportLimits limits, BadInputLog badInput) {
        this.limits = limits;
        this.badInput = badInput;
    }

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port, String transport) throws IOException {
        if ("udp".equalsIgnoreCase(transport)) {
            BoundedUdpMessageProcessor processor = new BoundedUdpMessageProcessor(address, stack, port, this.limits, this.badInput, UDP_PARSING_THREADS);
            sendFromListeningSocket(stack);
            return processor;
        }
        if ("tcp".equalsIgnoreCase(transport)) {
            return new GuardedTcpProcessor(address, stack, port, this.limits, this.badInput);
        }
        if ("tls".equalsIgnoreCase(transport)) {
            // the stack's blocking TLS processor: it opens its sockets through the network layer, ours, which gives them the
            // host's SSL contexts (SslContextNetworkLayer); the NIO one builds a context of its own from key-store files
            return this.blockingTls.createMessageProcessor(stack, address, port, transport);
        }
        return super.createMessageProcessor(stack, address, port, transport);
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
