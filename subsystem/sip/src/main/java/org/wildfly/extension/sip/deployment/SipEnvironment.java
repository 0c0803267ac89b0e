package org.wildfly.extension.sip.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jboss.as.controller.capability.CapabilityServiceSupport;
import org.jboss.as.ee.component.DeploymentDescriptorEnvironment;
import org.jboss.as.ee.component.EEModuleDescription;
import org.jboss.as.ee.structure.SpecDescriptorPropertyReplacement;
import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.as.web.common.WarMetaData;
import org.jboss.metadata.javaee.spec.Environment;
import org.jboss.metadata.javaee.spec.EnvironmentRefsGroupMetaData;
import org.jboss.metadata.javaee.spec.LifecycleCallbacksMetaData;
import org.jboss.metadata.javaee.spec.MessageDestinationMetaData;
import org.jboss.metadata.javaee.spec.MutableEnvironment;
import org.jboss.metadata.javaee.spec.MutableRemoteEnvironment;
import org.jboss.metadata.javaee.spec.RemoteEnvironment;
import org.jboss.metadata.javaee.support.MappableMetaData;
import org.jboss.metadata.javaee.support.MappedMetaData;
import org.jboss.metadata.parser.ee.EnvironmentRefsGroupMetaDataParser;
import org.jboss.metadata.parser.ee.MessageDestinationMetaDataParser;
import org.jboss.metadata.property.PropertyReplacer;
import org.jboss.metadata.web.jboss.JBossWebMetaData;
import org.jboss.vfs.VirtualFile;
import org.wildfly.extras.sip.container.deployment.EnvironmentReference;
import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;
import org.wildfly.extras.sip.container.deployment.SipXmlParser;

/**
 * Joins the environment of a {@code sip.xml} (env-entry, resource-ref, ..., post-construct) to the one its web
 * deployment's {@code web.xml} declares, before WildFly's EE processors read that: they bind it into
 * {@code java:comp/env}, inject its injection targets and run its lifecycle callbacks exactly as they do a web.xml's.
 * jboss-metadata's own parsers read the elements, which the container's parser has already checked.
 */
final class SipEnvironment {

    // the capabilities of the subsystems that bind these references; a server without them would leave them unbound
    private static final Map<String, String> NEEDED_SUBSYSTEMS = Map.of(
            "ejb-ref", "org.wildfly.ejb3",
            "ejb-local-ref", "org.wildfly.ejb3",
            "persistence-unit-ref", "org.wildfly.jpa",
            "persistence-context-ref", "org.wildfly.jpa");

    private SipEnvironment() {
    }

    /**
     * @param descriptor what the container's parser read from the descriptor
     * @param file the descriptor, read again here by jboss-metadata
     * @param path the descriptor's path in messages
     * @throws DeploymentUnitProcessingException naming the element and line that cannot be bound
     */
    static void join(DeploymentUnit unit, SipDeploymentInfo descriptor, VirtualFile file, String path) throws DeploymentUnitProcessingException {
        List<EnvironmentReference> declared = descriptor.getEnvironment();
        WarMetaData war = unit.getAttachment(WarMetaData.ATTACHMENT_KEY);
        JBossWebMetaData web = (war != null) ? war.getMergedJBossWebMetaData() : null;
        if (declared.isEmpty() || web == null) {
            return;
        }
        CapabilityServiceSupport capabilities = unit.getAttachment(Attachments.CAPABILITY_SERVICE_SUPPORT);
        for (EnvironmentReference reference : declared) {
            if (reference.element().equals("service-ref")) {
                throw failed(unit, reference, "is not supported in sip.xml: a web service client is declared in WEB-INF/web.xml, which the webservices subsystem reads");
            }
            String capability = NEEDED_SUBSYSTEMS.get(reference.element());
            if (capability != null && (capabilities == null || !capabilities.hasCapability(capability))) {
                throw failed(unit, reference, "cannot be bound: this server has no " + (capability.endsWith("jpa") ? "jpa" : "ejb3")
                        + " subsystem, which binds it (provision a layer that has it, such as " + (capability.endsWith("jpa") ? "jpa" : "ejb-lite") + ")");
            }
        }
        EnvironmentRefsGroupMetaData sip = new EnvironmentRefsGroupMetaData();
        List<MessageDestinationMetaData> destinations = new java.util.ArrayList<>();
        read(unit, file, path, sip, destinations);

        Environment existing = web.getJndiEnvironmentRefsGroup();
        if (existing == null) {
            web.setJndiEnvironmentRefsGroup(sip);
            unit.putAttachment(org.jboss.as.ee.component.Attachments.MODULE_DEPLOYMENT_DESCRIPTOR_ENVIRONMENT, new DeploymentDescriptorEnvironment("java:module/env/", sip));
        } else {
            refuseClashes(unit, declared, existing);
            joinInto(sip, existing);
        }
        EEModuleDescription module = unit.getAttachment(org.jboss.as.ee.component.Attachments.EE_MODULE_DESCRIPTION);
        for (MessageDestinationMetaData destination : destinations) {
            String target = (destination.getLookupName() != null) ? destination.getLookupName() : destination.getMappedName();
            if (module != null && target != null) {
                // what a message-destination-link names, as EE does for application.xml's destinations
                module.addMessageDestination(destination.getName(), target);
            }
        }
    }

    private static void read(DeploymentUnit unit, VirtualFile file, String path, EnvironmentRefsGroupMetaData sip, List<MessageDestinationMetaData> destinations)
            throws DeploymentUnitProcessingException {
        PropertyReplacer replacer = SpecDescriptorPropertyReplacement.propertyReplacer(unit);
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        try (InputStream in = file.openStream()) {
            XMLStreamReader reader = factory.createXMLStreamReader(in);
            reader.nextTag(); // <sip-app>
            while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                String namespace = (reader.getNamespaceURI() != null) ? reader.getNamespaceURI() : "";
                boolean descriptorElement = SipXmlParser.isDescriptorNamespace(namespace);
                if (descriptorElement && reader.getLocalName().equals("message-destination")) {
                    destinations.add(MessageDestinationMetaDataParser.parse(reader, replacer));
                } else if (!descriptorElement || !EnvironmentRefsGroupMetaDataParser.parse(reader, sip, replacer)) {
                    skip(reader);
                }
            }
        } catch (XMLStreamException e) {
            throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, path + " line " + (e.getLocation() != null ? e.getLocation().getLineNumber() : "?")
                    + ": its environment cannot be read: " + e.getMessage()), e);
        } catch (IOException e) {
            throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, path + " cannot be read: " + e.getMessage()), e);
        }
    }

    private static void skip(XMLStreamReader reader) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                ++depth;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                --depth;
            }
        }
    }

    /** A converged application's web.xml (or its annotations) and its sip.xml both bind into the one java:comp/env: a name both declare is ambiguous. */
    private static void refuseClashes(DeploymentUnit unit, List<EnvironmentReference> declared, RemoteEnvironment web) throws DeploymentUnitProcessingException {
        Map<String, String> bound = new HashMap<>();
        names(bound, web.getEnvironmentEntries(), "env-entry");
        names(bound, web.getEjbReferences(), "ejb-ref");
        names(bound, web.getResourceReferences(), "resource-ref");
        names(bound, web.getResourceEnvironmentReferences(), "resource-env-ref");
        names(bound, web.getMessageDestinationReferences(), "message-destination-ref");
        names(bound, web.getPersistenceUnitRefs(), "persistence-unit-ref");
        names(bound, web.getServiceReferences(), "service-ref");
        if (web instanceof Environment local) {
            names(bound, local.getEjbLocalReferences(), "ejb-local-ref");
            names(bound, local.getPersistenceContextRefs(), "persistence-context-ref");
        }
        for (EnvironmentReference reference : declared) {
            String other = reference.isLifecycleCallback() || reference.element().equals("message-destination") ? null : bound.get(reference.name());
            if (other != null) {
                throw failed(unit, reference, "'" + reference.name() + "': java:comp/env/" + reference.name() + " is already declared by a <" + other
                        + "> of WEB-INF/web.xml (or by an annotation); a converged application declares each name once");
            }
        }
    }

    private static void names(Map<String, String> bound, MappedMetaData<?> entries, String element) {
        if (entries != null) {
            entries.keySet().forEach(name -> bound.put(name, element));
        }
    }

    private static void joinInto(EnvironmentRefsGroupMetaData sip, Environment web) {
        MutableRemoteEnvironment target = (MutableRemoteEnvironment) web;
        join(sip.getEnvironmentEntries(), web::getEnvironmentEntries, target::setEnvironmentEntries);
        join(sip.getEjbReferences(), web::getEjbReferences, target::setEjbReferences);
        join(sip.getResourceReferences(), web::getResourceReferences, target::setResourceReferences);
        join(sip.getResourceEnvironmentReferences(), web::getResourceEnvironmentReferences, target::setResourceEnvironmentReferences);
        join(sip.getMessageDestinationReferences(), web::getMessageDestinationReferences, target::setMessageDestinationReferences);
        join(sip.getPersistenceUnitRefs(), web::getPersistenceUnitRefs, target::setPersistenceUnitRefs);
        if (web instanceof MutableEnvironment local) {
            join(sip.getEjbLocalReferences(), web::getEjbLocalReferences, local::setEjbLocalReferences);
            join(sip.getPersistenceContextRefs(), web::getPersistenceContextRefs, local::setPersistenceContextRefs);
        } else if (web instanceof org.jboss.metadata.common.ejb.JBossEnvironmentRefsGroupMetaData local) {
            join(sip.getEjbLocalReferences(), web::getEjbLocalReferences, local::setEjbLocalReferences);
            join(sip.getPersistenceContextRefs(), web::getPersistenceContextRefs, local::setPersistenceContextRefs);
        }
        callbacks(sip.getPostConstructs(), web::getPostConstructs, target::setPostConstructs);
        callbacks(sip.getPreDestroys(), web::getPreDestroys, target::setPreDestroys);
    }

    private static <T extends MappableMetaData, C extends MappedMetaData<T>> void join(C sip, Supplier<C> web, Consumer<C> setWeb) {
        if (sip == null) {
            return;
        }
        C target = web.get();
        if (target == null) {
            setWeb.accept(sip);
        } else {
            sip.forEach(target::add);
        }
    }

    private static void callbacks(LifecycleCallbacksMetaData sip, Supplier<LifecycleCallbacksMetaData> web, Consumer<LifecycleCallbacksMetaData> setWeb) {
        if (sip == null) {
            return;
        }
        if (web.get() == null) {
            setWeb.accept(sip);
        } else {
            web.get().addAll(sip);
        }
    }

    private static DeploymentUnitProcessingException failed(DeploymentUnit unit, EnvironmentReference reference, String reason) {
        return new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, reference.origin() + ": <" + reference.element() + "> " + reason));
    }
}
