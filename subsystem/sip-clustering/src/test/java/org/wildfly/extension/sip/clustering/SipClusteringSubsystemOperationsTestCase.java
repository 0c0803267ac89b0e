package org.wildfly.extension.sip.clustering;

import static org.jboss.as.controller.descriptions.ModelDescriptionConstants.*;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.as.controller.PathAddress;
import org.jboss.as.controller.descriptions.ModelDescriptionConstants;
import org.jboss.as.controller.operations.common.Util;
import org.jboss.as.subsystem.test.AbstractSubsystemTest;
import org.jboss.as.subsystem.test.AdditionalInitialization;
import org.jboss.as.subsystem.test.KernelServices;
import org.jboss.dmr.ModelNode;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Drives {@code /subsystem=sip-clustering} as an operator would.
 */
public class SipClusteringSubsystemOperationsTestCase extends AbstractSubsystemTest {

    private static final PathAddress SIP_CLUSTERING = PathAddress.pathAddress(ModelDescriptionConstants.SUBSYSTEM, "sip-clustering");
    private static final PathAddress DEFAULT = SIP_CLUSTERING.append("infinispan-session-management", "default");

    private KernelServices services;

    public SipClusteringSubsystemOperationsTestCase() {
        super("sip-clustering", new SipClusteringExtension());
    }

    @Before
    public void boot() throws Exception {
        this.services = this.createKernelServicesBuilder(AdditionalInitialization.withCapabilities(SipClusteringCapabilities.WEB_CONTAINER))
                .setSubsystemXml("<subsystem xmlns=\"urn:wildfly:sip-clustering:1.0\" default-session-management=\"default\"><infinispan-session-management name=\"default\" cache-container=\"web\" granularity=\"SESSION\"/></subsystem>")
                .build();
        assertTrue(this.services.getBootErrorDescription(), this.services.isSuccessfulBoot());
    }

    @After
    public void shutdown() {
        this.services.shutdown();
    }

    @Test
    public void defaultsAreReadBack() {
        ModelNode resource = this.success(operation(READ_RESOURCE_OPERATION, SIP_CLUSTERING, INCLUDE_DEFAULTS, true, RECURSIVE, true));
        assertEquals("default", resource.get("default-session-management").asString());
        ModelNode provider = resource.get("infinispan-session-management", "default");
        assertEquals("web", provider.get("cache-container").asString());
        assertFalse(provider.get("cache").isDefined());
        assertEquals("SESSION", provider.get("granularity").asString());
        assertEquals("PROTOSTREAM", provider.get("marshaller").asString());
    }

    @Test
    public void descriptionListsTheChoices() {
        ModelNode description = this.success(operation(READ_RESOURCE_DESCRIPTION_OPERATION, SIP_CLUSTERING, RECURSIVE, true));
        assertEquals(Set.of("default-session-management"), description.get(ATTRIBUTES).keys());
        ModelNode provider = description.get(CHILDREN, "infinispan-session-management", MODEL_DESCRIPTION, "*", ATTRIBUTES);
        assertEquals(Set.of("cache-container", "cache", "granularity", "marshaller"), provider.keys());
        assertEquals(Set.of("SESSION", "ATTRIBUTE"), values(provider.get("granularity", ALLOWED)));
        assertEquals(Set.of("JBOSS", "PROTOSTREAM"), values(provider.get("marshaller", ALLOWED)));
        for (String attribute : provider.keys()) {
            assertFalse(attribute, provider.get(attribute, DESCRIPTION).asString().isBlank());
        }
    }

    @Test
    public void granularityAndMarshallerAreWritten() {
        this.success(Util.getWriteAttributeOperation(DEFAULT, "granularity", new ModelNode("ATTRIBUTE")));
        this.success(Util.getWriteAttributeOperation(DEFAULT, "marshaller", new ModelNode("JBOSS")));
        this.success(Util.getWriteAttributeOperation(DEFAULT, "cache", new ModelNode("repl")));
        ModelNode provider = this.success(Util.createEmptyOperation(READ_RESOURCE_OPERATION, DEFAULT));
        assertEquals("ATTRIBUTE", provider.get("granularity").asString());
        assertEquals("JBOSS", provider.get("marshaller").asString());
        assertEquals("repl", provider.get("cache").asString());
    }

    @Test
    public void unknownGranularityIsRefusedListingTheChoices() {
        this.assertRefused(Util.getWriteAttributeOperation(DEFAULT, "granularity", new ModelNode("DIALOG")), "DIALOG", "SESSION", "ATTRIBUTE");
        this.assertRefused(Util.getWriteAttributeOperation(DEFAULT, "marshaller", new ModelNode("JAVA")), "JAVA", "JBOSS", "PROTOSTREAM");
    }

    @Test
    public void missingCacheContainerIsRefusedNamingIt() {
        ModelNode add = Util.createAddOperation(SIP_CLUSTERING.append("infinispan-session-management", "other"));
        add.get("cache-container").set("no-such-container");
        add.get("granularity").set("SESSION");
        this.assertRefused(add, "no-such-container");
    }

    @Test
    public void missingCacheIsRefusedNamingIt() {
        this.assertRefused(Util.getWriteAttributeOperation(DEFAULT, "cache", new ModelNode("no-such-cache")), "no-such-cache");
    }

    @Test
    public void defaultMustNameAnExistingProvider() {
        this.assertRefused(Util.getWriteAttributeOperation(SIP_CLUSTERING, "default-session-management", new ModelNode("nowhere")), "nowhere");
    }

    @Test
    public void secondProviderBecomesTheDefault() {
        ModelNode add = Util.createAddOperation(SIP_CLUSTERING.append("infinispan-session-management", "fine"));
        add.get("cache-container").set("web");
        add.get("granularity").set("ATTRIBUTE");
        this.success(add);
        this.success(Util.getWriteAttributeOperation(SIP_CLUSTERING, "default-session-management", new ModelNode("fine")));
        assertEquals("fine", this.success(Util.getReadAttributeOperation(SIP_CLUSTERING, "default-session-management")).asString());
    }

    @Test
    public void providerInUseAsDefaultCannotBeRemoved() {
        this.assertRefused(Util.createRemoveOperation(DEFAULT), "default");
    }

    private static Set<String> values(ModelNode list) {
        return list.asList().stream().map(ModelNode::asString).collect(Collectors.toSet());
    }

    private static ModelNode operation(String name, PathAddress address, Object... parameters) {
        ModelNode operation = Util.createEmptyOperation(name, address);
        for (int i = 0; i < parameters.length; i += 2) {
            operation.get((String) parameters[i]).set((Boolean) parameters[i + 1]);
        }
        return operation;
    }

    private ModelNode success(ModelNode operation) {
        ModelNode result = this.services.executeOperation(operation);
        assertEquals(result.toString(), SUCCESS, result.get(OUTCOME).asString());
        return result.get(RESULT);
    }

    private void assertRefused(ModelNode operation, String... expectedInMessage) {
        ModelNode result = this.services.executeOperation(operation);
        assertEquals(result.toString(), FAILED, result.get(OUTCOME).asString());
        String message = result.get(FAILURE_DESCRIPTION).asString();
        for (String expected : expectedInMessage) {
            assertTrue("'" + expected + "' missing from: " + message, message.contains(expected));
        }
    }
}
