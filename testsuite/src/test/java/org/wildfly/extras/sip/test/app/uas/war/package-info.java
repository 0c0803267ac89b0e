/**
 * Makes the UAS servlet an application of its own, declared by annotations only (the WAR of the tests has no sip.xml).
 */
@SipApplication(name = "uas-war", mainServlet = "uas")
package org.wildfly.extras.sip.test.app.uas.war;

import javax.servlet.sip.annotation.SipApplication;
