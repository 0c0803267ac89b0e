package org.wildfly.extension.sip.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.as.ee.component.EEApplicationClasses;
import org.jboss.as.ee.component.EEModuleDescription;
import org.jboss.as.ee.component.deployers.EEResourceReferenceProcessor;
import org.jboss.as.ee.component.deployers.EEResourceReferenceProcessorRegistry;
import org.jboss.as.ee.structure.DeploymentType;
import org.jboss.as.ee.structure.DeploymentTypeMarker;
import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.jboss.as.server.deployment.annotation.CompositeIndex;
import org.jboss.as.web.common.WarMetaData;
import org.jboss.as.web.common.WebComponentDescription;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.metadata.web.jboss.JBossWebMetaData;
import org.jboss.vfs.VirtualFile;
import org.wildfly.extras.sip.container.deployment.SipDeploymentException;
import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;
import org.wildfly.extras.sip.container.deployment.SipXmlParser;

/**
 * Recognises a SIP application in a web deployment ({@code .war}, or a {@code .sar} made one): a
 * {@code WEB-INF/sip.xml}, or classes annotated with JSR 289 annotations, found in the deployment's Jandex index.
 * It reads the descriptor, so that a malformed one fails the deployment here, naming the line that is wrong, and makes
 * the SIP servlets and listeners web components, so that Jakarta EE injects their {@code @Resource} fields as it does
 * those of HTTP servlets.
 */
final class SipParsingProcessor implements DeploymentUnitProcessor {

    private static final System.Logger LOGGER = System.getLogger(SipParsingProcessor.class.getName());

    private static final DotName SIP_SERVLET = DotName.createSimple(javax.servlet.sip.annotation.SipServlet.class.getName());
    private static final DotName SIP_LISTENER = DotName.createSimple(javax.servlet.sip.annotation.SipListener.class.getName());
    private static final DotName SIP_APPLICATION = DotName.createSimple(javax.servlet.sip.annotation.SipApplication.class.getName());
    private static final List<DotName> ANNOTATIONS = List.of(
            SIP_APPLICATION,
            SIP_SERVLET, SIP_LISTENER,
            DotName.createSimple(javax.servlet.sip.annotation.SipApplicationKey.class.getName()));
    private static final DotName RESOURCE = DotName.createSimple("jakarta.annotation.Resource");

    @Override
    public void deploy(DeploymentPhaseContext context) throws DeploymentUnitProcessingException {
        DeploymentUnit unit = context.getDeploymentUnit();
        if (!DeploymentTypeMarker.isType(DeploymentType.WAR, unit)) {
            return;
        }
        if (unit.getAttachment(SipAttachments.SIP_ARCHIVE) != null) {
            defaultContextRoot(unit);
        }
        VirtualFile root = unit.getAttachment(Attachments.DEPLOYMENT_ROOT).getRoot();
        List<String> annotated = annotatedClasses(unit.getAttachment(Attachments.COMPOSITE_ANNOTATION_INDEX));
        boolean hasDescriptor = SipContent.hasDescriptor(root);
        if (!hasDescriptor && annotated.isEmpty()) {
            return;
        }
        SipDeploymentInfo descriptor = hasDescriptor ? parse(unit, root.getChild(SipContent.DESCRIPTOR_PATH)) : null;
        if (descriptor != null) {
            SipEnvironment.join(unit, descriptor, root.getChild(SipContent.DESCRIPTOR_PATH), SipContent.DESCRIPTOR_PATH);
        }
        matchEveryPathForStar(unit);
        SipApplicationResources resources = new SipApplicationResources();
        CompositeIndex index = unit.getAttachment(Attachments.COMPOSITE_ANNOTATION_INDEX);
        unit.putAttachment(SipAttachments.SIP_CONTENT, new SipContent(SipContent.DESCRIPTOR_PATH, descriptor, annotated, staticResources(index), resources, annotatedSessionTimeout(index)));
        registerResourceTypes(unit, resources);
        addComponents(unit, index, componentClasses(descriptor, index));
    }

    @Override
    public void undeploy(DeploymentUnit unit) {
        unit.removeAttachment(SipAttachments.SIP_CONTENT);
    }

    private static SipDeploymentInfo parse(DeploymentUnit unit, VirtualFile file) throws DeploymentUnitProcessingException {
        try (InputStream in = file.openStream()) {
            return SipXmlParser.parse(in, SipContent.DESCRIPTOR_PATH);
        } catch (SipDeploymentException e) {
            throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, e.getMessage()), e);
        } catch (IOException e) {
            throw new DeploymentUnitProcessingException(SipDeploymentMessages.failed(unit, SipContent.DESCRIPTOR_PATH + " cannot be read: " + e.getMessage()), e);
        }
    }

    /** @return the names of the classes that carry a JSR 289 annotation, sorted, {@code package-info} ones included */
    private static List<String> annotatedClasses(CompositeIndex index) {
        Set<String> classes = new TreeSet<>();
        if (index == null) {
            return List.of();
        }
        for (DotName annotation : ANNOTATIONS) {
            for (AnnotationInstance instance : index.getAnnotations(annotation)) {
                AnnotationTarget target = instance.target();
                if (target.kind() == AnnotationTarget.Kind.CLASS) {
                    classes.add(target.asClass().name().toString());
                } else if (target.kind() == AnnotationTarget.Kind.METHOD) {
                    classes.add(target.asMethod().declaringClass().name().toString());
                }
            }
        }
        return List.copyOf(classes);
    }

    /**
     * @return whether an {@code @SipApplication} writes its {@code sessionTimeout}: its default (3) is no choice of the
     *         application's, and only the index tells it from a written 3, which reflection reads alike
     */
    private static boolean annotatedSessionTimeout(CompositeIndex index) {
        return index != null && index.getAnnotations(SIP_APPLICATION).stream().anyMatch(annotation -> annotation.value("sessionTimeout") != null);
    }

    /** Lets {@code @Resource SipFactory factory;} (no name, no lookup) find the application's own, as JSR 289 §A.2 wants. */
    private static void registerResourceTypes(DeploymentUnit unit, SipApplicationResources resources) {
        EEResourceReferenceProcessorRegistry registry = unit.getAttachment(org.jboss.as.ee.component.Attachments.RESOURCE_REFERENCE_PROCESSOR_REGISTRY);
        if (registry == null || unit.getAttachment(org.jboss.as.ee.component.Attachments.EE_MODULE_DESCRIPTION) == null) {
            return;
        }
        for (SipApplicationResources.Kind kind : SipApplicationResources.Kind.values()) {
            registry.registerResourceReferenceProcessor(new EEResourceReferenceProcessor() {
                @Override
                public String getResourceReferenceType() {
                    return kind.type().getName();
                }

                @Override
                public SipResourceInjectionSource getResourceReferenceBindingSource() {
                    return new SipResourceInjectionSource(resources, kind);
                }
            });
        }
    }


    /** @return the servlet and listener classes of the application that the deployment holds */
    private static Set<String> componentClasses(SipDeploymentInfo descriptor, CompositeIndex index) {
        Set<String> classes = new TreeSet<>();
        if (descriptor != null) {
            descriptor.getServlets().forEach(servlet -> classes.add(servlet.getClassName()));
            classes.addAll(descriptor.getListeners());
        }
        if (index != null) {
            for (DotName annotation : List.of(SIP_SERVLET, SIP_LISTENER)) {
                for (AnnotationInstance instance : index.getAnnotations(annotation)) {
                    if (instance.target().kind() == AnnotationTarget.Kind.CLASS) {
                        classes.add(instance.target().asClass().name().toString());
                    }
                }
            }
            classes.removeIf(name -> index.getClassByName(DotName.createSimple(name)) == null); // a missing class gets its own message later
        }
        return classes;
    }

    /** Makes each class a web component, as Undertow does for HTTP servlets, unless something made it a component already. */
    private static void addComponents(DeploymentUnit unit, CompositeIndex index, Set<String> classes) {
        EEModuleDescription module = unit.getAttachment(org.jboss.as.ee.component.Attachments.EE_MODULE_DESCRIPTION);
        EEApplicationClasses applicationClasses = unit.getAttachment(org.jboss.as.ee.component.Attachments.EE_APPLICATION_CLASSES_DESCRIPTION);
        if (module == null || index == null) {
            return;
        }
        Set<String> components = new java.util.HashSet<>();
        module.getComponentDescriptions().forEach(component -> components.add(component.getComponentClassName()));
        for (String className : classes) {
            if (components.add(className)) {
                WebComponentDescription component = new WebComponentDescription(className, className, module, unit.getServiceName(), applicationClasses);
                module.addComponent(component);
                unit.addToAttachmentList(WebComponentDescription.WEB_COMPONENTS, component.getStartServiceName());
            }
        }
    }

    /** @return the static {@code @Resource} fields of SIP resource types */
    private static List<SipContent.StaticResource> staticResources(CompositeIndex index) {
        List<SipContent.StaticResource> fields = new ArrayList<>();
        if (index == null) {
            return fields;
        }
        for (AnnotationInstance instance : index.getAnnotations(RESOURCE)) {
            if (instance.target().kind() == AnnotationTarget.Kind.FIELD) {
                FieldInfo field = instance.target().asField();
                SipApplicationResources.Kind kind = SipApplicationResources.Kind.of(field.type().name().toString());
                if (kind != null && Modifier.isStatic(field.flags())) {
                    fields.add(new SipContent.StaticResource(field.declaringClass().name().toString(), field.name(), kind));
                }
            }
        }
        return fields;
    }

    /**
     * Reads the url-pattern {@code *} of a converged application's web.xml as {@code /*}, every path: the containers
     * converged applications were written for (Tomcat-based SIP Servlet containers) matched every path with it, while
     * the Servlet specification has no such pattern and Undertow would match only the path "*".
     */
    private static void matchEveryPathForStar(DeploymentUnit unit) {
        JBossWebMetaData merged = mergedWebMetaData(unit);
        if (merged == null) {
            return;
        }
        if (merged.getServletMappings() != null) {
            for (org.jboss.metadata.web.spec.ServletMappingMetaData mapping : merged.getServletMappings()) {
                mapping.setUrlPatterns(everyPathForStar(unit, "servlet " + mapping.getServletName(), mapping.getUrlPatterns()));
            }
        }
        if (merged.getFilterMappings() != null) {
            for (org.jboss.metadata.web.spec.FilterMappingMetaData mapping : merged.getFilterMappings()) {
                mapping.setUrlPatterns(everyPathForStar(unit, "filter " + mapping.getFilterName(), mapping.getUrlPatterns()));
            }
        }
    }

    private static List<String> everyPathForStar(DeploymentUnit unit, String mapped, List<String> patterns) {
        if (patterns == null || !patterns.contains("*")) {
            return patterns;
        }
        LOGGER.log(System.Logger.Level.INFO, "{0}: the url-pattern * of {1} matches every path, as /* does", unit.getName(), mapped);
        return patterns.stream().map(pattern -> pattern.equals("*") ? "/*" : pattern).collect(java.util.stream.Collectors.toList());
    }

    /** @return the web metadata of a web archive as merged from its descriptors and annotations, or {@code null} */
    private static JBossWebMetaData mergedWebMetaData(DeploymentUnit unit) {
        WarMetaData war = unit.getAttachment(WarMetaData.ATTACHMENT_KEY);
        return (war != null) ? war.getMergedJBossWebMetaData() : null;
    }

    /** Gives a SIP archive the web context /name, as a web archive gets, unless its jboss-web.xml sets one. */
    private static void defaultContextRoot(DeploymentUnit unit) {
        JBossWebMetaData merged = mergedWebMetaData(unit);
        if (merged != null && merged.getContextRoot() == null) {
            String name = unit.getName();
            merged.setContextRoot("/" + name.substring(0, name.length() - SipArchiveStructureProcessor.SIP_ARCHIVE_SUFFIX.length()));
        }
    }
}
