package org.wildfly.extension.sip.deployment;

import org.jboss.as.server.deployment.AttachmentKey;

/**
 * What the SIP deployment processors leave on a deployment unit for the next ones.
 */
final class SipAttachments {

    /** A {@code .sar} in WAR layout, which this subsystem made a web deployment. */
    static final AttachmentKey<Boolean> SIP_ARCHIVE = AttachmentKey.create(Boolean.class);

    /** The SIP content found in a web deployment: its descriptor and annotated classes. */
    static final AttachmentKey<SipContent> SIP_CONTENT = AttachmentKey.create(SipContent.class);

    /** The resolved SIP application, once its classes could be loaded. */
    static final AttachmentKey<SipApplication> SIP_APPLICATION = AttachmentKey.create(SipApplication.class);

    private SipAttachments() {
    }
}
