package org.wildfly.extras.sip.test.app.mbean;

/**
 * The management interface of a JBoss service archive's MBean.
 */
public interface GreeterMBean {

    String getGreeting();

    void start();

    void stop();
}
