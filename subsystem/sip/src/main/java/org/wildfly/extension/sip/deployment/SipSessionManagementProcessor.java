package org.wildfly.extension.sip.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jboss.as.controller.capability.CapabilityServiceSupport;
import org.jboss.as.server.deployment.AttachmentKey;
import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.jboss.dmr.ModelNode;
import org.jboss.msc.service.ServiceName;
import org.jboss.vfs.VirtualFile;
import org.wildfly.extension.sip.session.SipSessionManagementProvider;
import org.wildfly.extension.sip.session.SipSessionStoreConfiguration;
import org.wildfly.extras.sip.container.session.SipSessionStore;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.ServiceInstaller;

/**
 * Chooses where a SIP application's sessions live. A {@code <distributable/>} application gets the session management
 * provider its {@code WEB-INF/distributable-sip.xml} names, or else the {@code sip-clustering} subsystem's default one;
 * on a server without that subsystem it runs with sessions on this node, after one warning. Any other application keeps
 * its sessions in memory. The provider arrives as a dependency of the next phase, where {@link #installStore} uses it.
 */
final class SipSessionManagementProcessor implements DeploymentUnitProcessor {

    private static final System.Logger LOGGER = System.getLogger(SipSessionManagementProcessor.class.getName());

    static final String DESCRIPTOR_PATH = "WEB-INF/distributable-sip.xml";
    static final String NAMESPACE = "urn:wildfly:distributable-sip:1.0";
    /** What {@code /deployment=*&#47;subsystem=sip} shows of a distributable application. */
    static final String SESSION_MANAGEMENT = "session-management";
    static final String CACHE = "cache";

    /** The provider of a distributable deployment, injected into the INSTALL phase. */
    private static final AttachmentKey<SipSessionManagementProvider> PROVIDER = AttachmentKey.create(SipSessionManagementProvider.class);
    /** The name of that provider, {@code default} for the subsystem's default. */
    private static final AttachmentKey<String> PROVIDER_NAME = AttachmentKey.create(String.class);

    @Override
    public void deploy(DeploymentPhaseContext context) throws DeploymentUnitProcessingException {
        DeploymentUnit unit = context.getDeploymentUnit();
        SipApplication application = unit.getAttachment(SipAttachments.SIP_APPLICATION);
        VirtualFile root = unit.getAttachment(Attachments.DEPLOYMENT_ROOT).getRoot();
        String named = root.getChild(DESCRIPTOR_PATH).isFile() ? parse(unit, root.getChild(DESCRIPTOR_PATH)) : null;
        if (application == null || !application.info().isDistributable()) {
            if (named != null) {
                LOGGER.log(System.Logger.Level.WARNING, "{0} of {1} names session management ''{2}'', but the SIP application is not <distributable/>: its sessions stay on this node",
                        DESCRIPTOR_PATH, unit.getName(), named);
            }
            return;
        }
        CapabilityServiceSupport support = unit.getAttachment(Attachments.CAPABILITY_SERVICE_SUPPORT);
        ServiceName provider;
        if (named == null) {
            if (!support.hasCapability(SipSessionManagementProvider.DEFAULT_SERVICE_DESCRIPTOR)) {
                LOGGER.log(System.Logger.Level.WARNING, "SIP application {0} ({1}) is <distributable/>, but this server has no sip-clustering subsystem: it runs as not "
                        + "distributable, with its sessions on this node only. Provision the layer sip-clustering to replicate them.", application.name(), unit.getName());
                return;
            }
            provider = support.getCapabilityServiceName(SipSessionManagementProvider.DEFAULT_SERVICE_DESCRIPTOR);
        } else {
            if (!support.hasCapability(SipSessionManagementProvider.SERVICE_DESCRIPTOR, named)) {
                throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, DESCRIPTOR_PATH + " names session management '" + named
                        + "', which this server does not have; add /subsystem=sip-clustering/infinispan-session-management=" + named + " or name an existing one"));
            }
            provider = support.getCapabilityServiceName(SipSessionManagementProvider.SERVICE_DESCRIPTOR, named);
        }
        unit.putAttachment(PROVIDER_NAME, (named != null) ? named : "default");
        context.addDependency(provider, PROVIDER);
    }

    @Override
    public void undeploy(DeploymentUnit unit) {
        unit.removeAttachment(PROVIDER_NAME);
    }

    /**
     * Installs the session store of a distributable deployment, from the provider chosen in the previous phase, and
     * makes the web deployment wait for it. Records the provider and the store's location in the deployment's model.
     * @param context the INSTALL phase
     * @param application the SIP application
     * @param model {@code /deployment=*&#47;subsystem=sip}
     * @return the store once the web deployment starts, or {@code null} when the application keeps its sessions in memory
     */
    static Supplier<SipSessionStore> installStore(DeploymentPhaseContext context, SipApplication application, ModelNode model) {
        DeploymentUnit unit = context.getDeploymentUnit();
        SipSessionManagementProvider provider = context.getAttachment(PROVIDER);
        if (provider == null) {
            return null;
        }
        String deploymentName = (unit.getParent() != null) ? unit.getParent().getName() + "." + unit.getName() : unit.getName();
        ServiceName storeName = unit.getServiceName().append("sip-session-store");
        SipSessionStoreConfiguration configuration = new SipSessionStoreConfiguration(deploymentName, application.name(), unit.getAttachment(Attachments.MODULE), storeName);
        provider.getSessionStoreServiceInstaller(configuration).install(context);
        // the web deployment starts the SIP application: it waits for the store, and stops before the store closes
        AtomicReference<SipSessionStore> store = new AtomicReference<>();
        ServiceName holder = unit.getServiceName().append("sip-session-store-reference");
        ServiceInstaller.builder(ServiceDependency.<SipSessionStore>on(storeName)).provides(holder).withCaptor(store::set).build().install(context);
        unit.addToAttachmentList(Attachments.WEB_DEPENDENCIES, holder);
        model.get(SESSION_MANAGEMENT).set(unit.getAttachment(PROVIDER_NAME));
        model.get(CACHE).set(provider.getSessionStoreLocation(configuration));
        return store::get;
    }

    /** @return the {@code name} of {@code <session-management>} in {@code <distributable-sip>} */
    private static String parse(DeploymentUnit unit, VirtualFile file) throws DeploymentUnitProcessingException {
        try (InputStream in = file.openStream()) {
            XMLInputFactory factory = XMLInputFactory.newInstance();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader reader = factory.createXMLStreamReader(in);
            try {
                reader.nextTag();
                if (!reader.getLocalName().equals("distributable-sip") || !NAMESPACE.equals(reader.getNamespaceURI())) {
                    throw invalid(unit, reader, "the root element must be <distributable-sip xmlns=\"" + NAMESPACE + "\">");
                }
                String name = null;
                while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if (!reader.getLocalName().equals("session-management") || name != null) {
                        throw invalid(unit, reader, "expected one <session-management name=\"...\"/>, found <" + reader.getLocalName() + ">");
                    }
                    name = reader.getAttributeValue(null, "name");
                    if (name == null || name.isBlank()) {
                        throw invalid(unit, reader, "<session-management> needs a name: a resource /subsystem=sip-clustering/infinispan-session-management=<name>");
                    }
                    if (reader.nextTag() != XMLStreamConstants.END_ELEMENT) {
                        throw invalid(unit, reader, "<session-management> has no content");
                    }
                }
                return name;
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, DESCRIPTOR_PATH + " is not well-formed: " + e.getMessage()), e);
        } catch (IOException e) {
            throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, DESCRIPTOR_PATH + " cannot be read: " + e.getMessage()), e);
        }
    }

    private static DeploymentUnitProcessingException invalid(DeploymentUnit unit, XMLStreamReader reader, String problem) {
        return new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, DESCRIPTOR_PATH + " line " + reader.getLocation().getLineNumber() + ": " + problem));
    }
}
