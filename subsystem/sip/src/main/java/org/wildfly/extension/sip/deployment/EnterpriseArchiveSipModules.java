package org.wildfly.extension.sip.deployment;

import java.util.Locale;

import org.jboss.as.ee.structure.DeploymentType;
import org.jboss.as.ee.structure.DeploymentTypeMarker;
import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.jboss.as.server.deployment.SubDeploymentMarker;
import org.jboss.as.server.deployment.module.ResourceRoot;
import org.jboss.vfs.VirtualFile;

/**
 * An {@code .ear} deploys the {@code .war} files it holds by itself, but a {@code .sar} only as a module its
 * {@code META-INF/application.xml} lists (EE knows a {@code .sar} as a JBoss service archive, which it merely puts on the
 * class path). A SIP archive left so would be a SIP application that silently never starts: the deployment fails instead,
 * saying what to write.
 */
final class EnterpriseArchiveSipModules implements DeploymentUnitProcessor {

    @Override
    public void deploy(DeploymentPhaseContext context) throws DeploymentUnitProcessingException {
        DeploymentUnit unit = context.getDeploymentUnit();
        if (!DeploymentTypeMarker.isType(DeploymentType.EAR, unit)) {
            return;
        }
        for (ResourceRoot root : unit.getAttachmentList(Attachments.RESOURCE_ROOTS)) {
            VirtualFile archive = root.getRoot();
            String name = archive.getName();
            if (name.toLowerCase(Locale.ENGLISH).endsWith(SipArchiveStructureProcessor.SIP_ARCHIVE_SUFFIX) && !SubDeploymentMarker.isSubDeployment(root)
                    && SipArchiveStructureProcessor.isSipArchive(archive)) {
                String contextRoot = name.substring(0, name.length() - SipArchiveStructureProcessor.SIP_ARCHIVE_SUFFIX.length());
                throw new DeploymentUnitProcessingException("SIP application " + unit.getName() + "/" + name + " cannot be deployed: an .ear deploys a .sar only"
                        + " as a module of its META-INF/application.xml; list it there: <module><web><web-uri>" + name + "</web-uri><context-root>/" + contextRoot
                        + "</context-root></web></module> (or make it a .war, which an .ear deploys by itself)");
            }
        }
    }
}
