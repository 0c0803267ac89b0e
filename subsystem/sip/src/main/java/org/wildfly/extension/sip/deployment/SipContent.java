package org.wildfly.extension.sip.deployment;

import java.util.List;

import org.jboss.vfs.VirtualFile;
import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;

/**
 * The SIP content of a web deployment, as read before its classes can be loaded.
 * @param descriptorPath the descriptor's path in the archive, as error messages name it
 * @param descriptor what {@code WEB-INF/sip.xml} says, or {@code null} when the archive has none
 * @param annotatedClasses the classes (and {@code package-info} classes) that carry JSR 289 annotations
 * @param staticResources the static fields that {@code @Resource} asks to be given a SipFactory, TimerService or SipSessionsUtil
 * @param resources the application's SipFactory, TimerService and SipSessionsUtil once it runs
 * @param annotatedSessionTimeout whether an {@code @SipApplication} of the deployment gives {@code sessionTimeout} a value
 */
record SipContent(String descriptorPath, SipDeploymentInfo descriptor, List<String> annotatedClasses, List<StaticResource> staticResources, SipApplicationResources resources,
        boolean annotatedSessionTimeout) {

    /**
     * A static field annotated {@code @Resource} of a SIP resource type, which Jakarta EE leaves alone (it injects
     * static fields in application clients only) and JSR 289 applications rely on.
     * @param className the declaring class
     * @param field the field's name
     * @param kind which resource
     */
    record StaticResource(String className, String field, SipApplicationResources.Kind kind) {
    }

    static final String DESCRIPTOR_PATH = "WEB-INF/sip.xml";

    static boolean hasDescriptor(VirtualFile root) {
        return root.getChild(DESCRIPTOR_PATH).isFile();
    }
}
