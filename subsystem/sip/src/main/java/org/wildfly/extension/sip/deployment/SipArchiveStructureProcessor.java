package org.wildfly.extension.sip.deployment;

import java.util.Locale;

import org.jboss.as.ee.structure.DeploymentType;
import org.jboss.as.ee.structure.DeploymentTypeMarker;
import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.jboss.as.server.deployment.module.ResourceRoot;
import org.jboss.vfs.VirtualFile;

/**
 * Makes a SIP servlet archive ({@code .sar} in the layout of a WAR, JSR 289 §A) a web deployment, so that Undertow lays
 * out its {@code WEB-INF} and gives it the servlet context its SIP servlets share. A JBoss service archive, which is
 * also a {@code .sar}, has {@code META-INF/jboss-service.xml} and no {@code WEB-INF}: it is left to the sar subsystem.
 */
final class SipArchiveStructureProcessor implements DeploymentUnitProcessor {

    static final String SIP_ARCHIVE_SUFFIX = ".sar";

    @Override
    public void deploy(DeploymentPhaseContext context) {
        DeploymentUnit unit = context.getDeploymentUnit();
        if (!unit.getName().toLowerCase(Locale.ENGLISH).endsWith(SIP_ARCHIVE_SUFFIX)) {
            return;
        }
        ResourceRoot root = unit.getAttachment(Attachments.DEPLOYMENT_ROOT);
        if (root == null || root.getRoot() == null) {
            return;
        }
        if (isSipArchive(root.getRoot())) {
            DeploymentTypeMarker.setType(DeploymentType.WAR, unit);
            unit.putAttachment(SipAttachments.SIP_ARCHIVE, Boolean.TRUE);
        }
    }

    /** @return whether a {@code .sar} is a SIP archive (a WAR's layout), not a JBoss service archive */
    static boolean isSipArchive(VirtualFile archive) {
        return archive.getChild("WEB-INF").isDirectory() && !archive.getChild("META-INF/jboss-service.xml").exists();
    }
}
