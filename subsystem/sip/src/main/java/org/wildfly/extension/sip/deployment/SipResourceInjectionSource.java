package org.wildfly.extension.sip.deployment;

import org.jboss.as.ee.component.InjectionSource;
import org.jboss.as.naming.ContextListAndJndiViewManagedReferenceFactory;
import org.jboss.as.naming.ImmediateManagedReference;
import org.jboss.as.naming.ManagedReference;
import org.jboss.as.naming.ManagedReferenceFactory;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.msc.inject.Injector;
import org.jboss.msc.service.ServiceBuilder;

/**
 * Binds a SIP application's SipFactory, TimerService or SipSessionsUtil into JNDI and {@code @Resource} fields; the
 * object is read at look-up time, since the application creates it only when it starts.
 */
final class SipResourceInjectionSource extends InjectionSource {

    private final SipApplicationResources resources;
    private final SipApplicationResources.Kind kind;

    SipResourceInjectionSource(SipApplicationResources resources, SipApplicationResources.Kind kind) {
        this.resources = resources;
        this.kind = kind;
    }

    @Override
    public void getResourceValue(ResolutionContext resolutionContext, ServiceBuilder<?> serviceBuilder, DeploymentPhaseContext phaseContext, Injector<ManagedReferenceFactory> injector) {
        injector.inject(new ContextListAndJndiViewManagedReferenceFactory() {
            @Override
            public ManagedReference getReference() {
                return new ImmediateManagedReference(SipResourceInjectionSource.this.resources.reference(SipResourceInjectionSource.this.kind));
            }

            @Override
            public String getInstanceClassName() {
                return SipResourceInjectionSource.this.kind.type().getName();
            }

            @Override
            public String getJndiViewInstanceValue() {
                return SipResourceInjectionSource.this.kind.type().getSimpleName();
            }
        });
    }

    @Override
    public boolean equals(Object object) {
        return object instanceof SipResourceInjectionSource other && other.resources == this.resources && other.kind == this.kind;
    }

    @Override
    public int hashCode() {
        return this.kind.hashCode();
    }
}
