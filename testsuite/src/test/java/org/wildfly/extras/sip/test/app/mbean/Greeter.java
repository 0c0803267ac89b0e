package org.wildfly.extras.sip.test.app.mbean;

/**
 * An MBean of a JBoss service archive (META-INF/jboss-service.xml), deployed beside SIP archives.
 */
public class Greeter implements GreeterMBean {

    @Override
    public String getGreeting() {
        return "hello";
    }

    @Override
    public void start() {
        System.getLogger(Greeter.class.getName()).log(System.Logger.Level.INFO, "Greeter service archive started");
    }

    @Override
    public void stop() {
    }
}
