/**
 * The deployment model of a SIP application, as data: {@link org.wildfly.extras.sip.container.deployment.SipDeploymentInfo}
 * read from {@code sip.xml} by {@link org.wildfly.extras.sip.container.deployment.SipXmlParser}, merged with the JSR 289
 * annotations by {@link org.wildfly.extras.sip.container.deployment.SipAnnotations}, and the servlet-mapping patterns of
 * JSR 289 §16 with their {@link org.wildfly.extras.sip.container.deployment.PatternEvaluator}. Nothing here depends on
 * WildFly or on the message implementation.
 */
package org.wildfly.extras.sip.container.deployment;
