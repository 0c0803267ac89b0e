package org.wildfly.extras.sip.testing;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * SIP application archives for ShrinkWrap, and so for an Arquillian {@code @Deployment}: a {@code .sar}, or a
 * {@code .war} (converged with HTTP servlets), with its {@code WEB-INF/sip.xml} and the classes it names. Both are
 * web archives: add further classes, libraries, a {@code web.xml} or static pages as to any {@link WebArchive}.
 *
 * <pre>
 * &#64;Deployment(testable = false)
 * static WebArchive counter() {
 *     return SipArchives.sar(SipDescriptor.application("counter").mainServlet("counter", CounterServlet.class).distributable());
 * }
 * </pre>
 */
public final class SipArchives {

    private SipArchives() {
    }

    /** @return {@code <application name>.sar} with that descriptor and the servlet and listener classes it names */
    public static WebArchive sar(SipDescriptor descriptor) {
        return withDescriptor(descriptor.applicationName() + ".sar", descriptor);
    }

    /** @return {@code <application name>.war} with that descriptor and the classes it names: add HTTP servlets to converge */
    public static WebArchive war(SipDescriptor descriptor) {
        return withDescriptor(descriptor.applicationName() + ".war", descriptor);
    }

    /**
     * @param archiveName the archive's name, ending in {@code .sar} or {@code .war}
     * @param annotatedClasses classes annotated {@code @SipServlet}, {@code @SipListener}, {@code @SipApplication}
     *        (on a {@code package-info} class) ...: an application described by its annotations, without {@code sip.xml}
     * @return the archive
     */
    public static WebArchive annotated(String archiveName, Class<?>... annotatedClasses) {
        if (!archiveName.endsWith(".sar") && !archiveName.endsWith(".war")) {
            throw new IllegalArgumentException("A SIP application archive ends in .sar or .war, not as " + archiveName + " does");
        }
        return ShrinkWrap.create(WebArchive.class, archiveName).addClasses(annotatedClasses);
    }

    private static WebArchive withDescriptor(String archiveName, SipDescriptor descriptor) {
        WebArchive archive = ShrinkWrap.create(WebArchive.class, archiveName).addAsWebInfResource(new StringAsset(descriptor.toString()), "sip.xml");
        for (String className : descriptor.classNames()) {
            archive.addClass(className);
        }
        return archive;
    }
}
