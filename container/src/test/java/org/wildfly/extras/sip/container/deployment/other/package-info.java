/**
 * A second application, which must not share an archive with {@code org.example.app}.
 */
@SipApplication(name = "org.example.other")
package org.wildfly.extras.sip.container.deployment.other;

import javax.servlet.sip.annotation.SipApplication;
