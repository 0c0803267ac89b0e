package org.wildfly.extension.sip;

import java.time.Instant;
import java.util.List;

import org.jboss.as.controller.AbstractRuntimeOnlyHandler;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.dmr.ModelNode;
import org.wildfly.extension.sip.deployment.SipDeploymentRuntime;
import org.wildfly.extras.sip.container.RuntimeStatistics;

/**
 * {@code list-calls} and {@code read-call} of {@code /deployment=*&#47;subsystem=sip}: who owns which call, for an
 * operator watching a failover. A distributable application's calls are the whole cluster's, each with its owner.
 */
abstract class SipCallsHandler extends AbstractRuntimeOnlyHandler {

    /** {@code list-calls}: every leg, one row each. */
    static final class ListCalls extends SipCallsHandler {
        @Override
        void answer(OperationContext context, ModelNode operation, String deployment, List<RuntimeStatistics.CallSession> sessions, ModelNode result) {
            for (RuntimeStatistics.CallSession session : sessions) {
                for (RuntimeStatistics.CallLeg leg : session.legs()) {
                    ModelNode row = result.add();
                    row.get("call-id").set(leg.callId());
                    row.get("application-session").set(session.applicationSessionId());
                    row.get("owner").set(session.owner());
                    row.get("state").set(leg.state());
                    row.get("role").set(leg.role());
                }
            }
        }
    }

    /** {@code read-call(call-id)}: the application sessions that hold a SIP session of that Call-ID, in detail. */
    static final class ReadCall extends SipCallsHandler {
        @Override
        void answer(OperationContext context, ModelNode operation, String deployment, List<RuntimeStatistics.CallSession> sessions, ModelNode result)
                throws OperationFailedException {
            String callId = SipDeploymentResourceDefinitionRegistrar.CALL_ID.resolveModelAttribute(context, operation).asString();
            for (RuntimeStatistics.CallSession session : sessions) {
                if (session.legs().stream().noneMatch(leg -> callId.equals(leg.callId()))) {
                    continue;
                }
                ModelNode found = result.add();
                found.get("application-session").set(session.applicationSessionId());
                found.get("owner").set(session.owner());
                found.get("created").set(Instant.ofEpochMilli(session.creationTime()).toString());
                ModelNode names = found.get("attributes").setEmptyList();
                session.attributeNames().forEach(names::add);
                ModelNode legs = found.get("sip-sessions").setEmptyList();
                for (RuntimeStatistics.CallLeg leg : session.legs()) {
                    ModelNode row = legs.add();
                    row.get("id").set(leg.id());
                    row.get("call-id").set(leg.callId());
                    row.get("role").set(leg.role());
                    row.get("state").set(leg.state());
                    row.get("local-party").set(leg.localParty());
                    row.get("remote-party").set(leg.remoteParty());
                }
            }
            if (result.asList().isEmpty()) {
                throw new OperationFailedException("No call of Call-ID " + callId + " in deployment " + deployment + " (list-calls shows the calls in progress)");
            }
        }
    }

    @Override
    protected void executeRuntimeStep(OperationContext context, ModelNode operation) throws OperationFailedException {
        String deployment = SipDeploymentResourceDefinitionRegistrar.deploymentName(operation);
        List<RuntimeStatistics.CallSession> sessions = SipDeploymentRuntime.calls(deployment);
        if (sessions == null) {
            throw new OperationFailedException("The SIP application of deployment " + deployment + " is not running");
        }
        this.answer(context, operation, deployment, sessions, context.getResult().setEmptyList());
    }

    /** Writes the operation's result from the deployment's calls. */
    abstract void answer(OperationContext context, ModelNode operation, String deployment, List<RuntimeStatistics.CallSession> sessions, ModelNode result)
            throws OperationFailedException;
}
