package org.wildfly.extras.sip.container;

import java.io.IOException;
import java.lang.System.Logger.Level;

import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;

import org.wildfly.extras.sip.container.dialog.DialogState;
import org.wildfly.extras.sip.container.dialog.Dialogs;
import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.message.SipServletResponseImpl;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.session.SipSessionImpl;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.HeaderNames;

/**
 * A 2xx to INVITE that no ACK answered within 64*T1. The UAS core then ends the dialog with a BYE (RFC 3261 §13.3.1.4);
 * first the application's {@code SipErrorListener}s hear of it ({@code noAckReceived}, JSR 289), and a BYE the
 * application sends there is the one. Whatever else the call holds, such as a B2BUA's other leg, is the application's
 * to end: JSR 289 leaves linked sessions to the application, as it does a BYE received on one leg.
 */
final class MissingAcks {

    private static final System.Logger LOGGER = System.getLogger(MissingAcks.class.getName());

    private final DeploymentManager deployments;

    MissingAcks(DeploymentManager deployments) {
        this.deployments = deployments;
    }

    /**
     * Ends the dialog of an unacknowledged 2xx this node sent, if it still stands; runs under its application session's key.
     * @param response the 2xx as the application sent it
     * @param applicationSessionId its application session
     * @throws org.wildfly.extras.sip.container.session.SessionUnavailableException if that session is held elsewhere
     */
    void end(SipServletResponseImpl response, String applicationSessionId) {
        DeploymentManager.Found found = this.deployments.holding(applicationSessionId);
        if (found == null) {
            return; // the call ended meanwhile
        }
        Deployment deployment = found.deployment();
        SipApplicationSessionImpl applicationSession = found.applicationSession();
        try {
            String remoteTag = Dialogs.tag(response.raw().headers(), HeaderNames.FROM);
            SipSessionImpl session = applicationSession.dialogSession(response.getCallId(), response.request().responseTag(), remoteTag);
            endDialog(deployment, session, Dialogs.cseqNumber(response.raw().headers()), response);
        } catch (SyntaxException e) {
            LOGGER.log(Level.WARNING, "Cannot end the unacknowledged dialog of Call-ID {0}: {1}", response.getCallId(), e.getMessage());
        } finally {
            deployment.finish(applicationSession, null);
        }
    }

    /**
     * Tells the application of a final non-2xx response to INVITE that got no ACK (its transaction's Timer H, RFC 3261
     * §17.2.1): there is no dialog to end. Runs under its application session's key.
     * @param response the response as the application sent it
     * @param applicationSessionId its application session
     */
    void tell(SipServletResponseImpl response, String applicationSessionId) {
        // the application session may be gone with its refused call: the listeners are the application's all the same
        DeploymentManager.Found found = this.deployments.holding(applicationSessionId);
        Deployment deployment = (found != null) ? found.deployment()
                : this.deployments.findServing(((SipApplicationSessionImpl) response.request().session().getApplicationSession()).getApplicationName());
        if (deployment == null) {
            return; // undeployed meanwhile
        }
        try {
            LOGGER.log(Level.DEBUG, "No ACK for the final response ({0}) to INVITE of Call-ID {1} within 64*T1", response.getStatus(), response.getCallId()); // a scanner's every INVITE: not worth a warning
            tellErrorListeners(deployment, new SipErrorEvent(response.request(), response), SipErrorListener::noAckReceived, "the missing ACK of Call-ID " + response.getCallId());
        } finally {
            if (found != null) {
                deployment.finish(found.applicationSession(), null);
            }
        }
    }

    /**
     * Ends the dialog of an unacknowledged 2xx another node sent and did not end in time (it died); the application's
     * listeners get an event with the INVITE and the 2xx rebuilt from the dialog's data. Runs under the key; the caller writes.
     * @param deployment the application
     * @param session the SIP session of the dialog
     * @param standIn the 2xx and its INVITE, rebuilt
     */
    static void endTakenOver(Deployment deployment, SipSessionImpl session, SipServletResponseImpl standIn) {
        LOGGER.log(Level.INFO, "The node that answered Call-ID {0} did not end its dialog, whose 2xx got no ACK: this node does", session.getCallId());
        endDialog(deployment, session, session.data().dialog().awaitedAck(), standIn);
    }

    private static void endDialog(Deployment deployment, SipSessionImpl session, long sequence, SipServletResponseImpl response) {
        if (!stands(session) || session.data().dialog().awaitedAck() != sequence) {
            return; // ended meanwhile, or acknowledged on another node
        }
        session.data().dialog().acknowledged(sequence); // no longer waited for, here or on any node
        LOGGER.log(Level.WARNING, "No ACK for the 2xx ({0}) to INVITE of Call-ID {1} within 64*T1: the dialog ends with a BYE (RFC 3261 §13.3.1.4)",
                response.getStatus(), response.getCallId());
        tellErrorListeners(deployment, new SipErrorEvent(response.request(), response), SipErrorListener::noAckReceived, "the missing ACK of Call-ID " + response.getCallId());
        if (stands(session) && !hasSentBye(session)) {
            try {
                deployment.sendOwnBye(session);
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "Cannot send the BYE that ends the unacknowledged dialog of Call-ID {0}: {1}", response.getCallId(), e.toString());
            }
        }
    }

    /**
     * Tells an application's {@code SipErrorListener}s of an error, in the application's scope; one that fails is logged.
     * @param what the error, for the log
     */
    static void tellErrorListeners(Deployment deployment, SipErrorEvent event, java.util.function.BiConsumer<SipErrorListener, SipErrorEvent> call, String what) {
        deployment.inScope(() -> {
            for (Object listener : deployment.definition().listeners()) {
                if (listener instanceof SipErrorListener errors) {
                    try {
                        call.accept(errors, event);
                    } catch (RuntimeException e) {
                        LOGGER.log(Level.ERROR, "The SipErrorListener " + listener.getClass().getName() + " of application " + deployment.applicationName() + " failed on " + what, e);
                    }
                }
            }
        });
    }

    /** @return whether a dialog is there to end: its session valid, not terminated */
    private static boolean stands(SipSessionImpl session) {
        if (session == null || !session.isValid() || session.data().state() == SipSessionData.State.TERMINATED) {
            return false;
        }
        DialogState dialog = session.data().dialog();
        return dialog != null && dialog.state() != DialogState.State.TERMINATED;
    }

    /** @return whether the application sent a BYE on this session (its listener did, say) */
    private static boolean hasSentBye(SipSessionImpl session) {
        for (Object message : session.userAgentMessages(false)) {
            if (message instanceof SipServletRequestImpl request && request.getMethod().equals("BYE")) {
                return true;
            }
        }
        return false;
    }
}
