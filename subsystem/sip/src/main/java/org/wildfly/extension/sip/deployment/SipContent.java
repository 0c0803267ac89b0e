package org.wildfly.extension.sip.deployment;

import java.util.List;

import org.jboss.vfs.VirtualFile;
import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;

/**
 * The SIP content of a web deployment, as read before its classes can be loaded.
 * @param descriptorPath the descriptor's path in the archive, as error messages name it
 * @param descriptor what {@code WEB-INF/sip.xml} says, or {@code null} when the archive has none
 * @param annotatedClasses the classes (and {@code package-info} classes) that carry JSR 289 annotations
 * @param resources the application's SipFactory, TimerService and SipSessionsUtil once it runs
 */
record SipContent(String descriptorPath, SipDeploymentInfo descriptor, List<String> annotatedClasses, SipApplicationResources resources) {

    static final String DESCRIPTOR_PATH = "WEB-INF/sip.xml";

    static boolean hasDescriptor(VirtualFile root) {
        return root.getChild(DESCRIPTOR_PATH).isFile();
    }
}
