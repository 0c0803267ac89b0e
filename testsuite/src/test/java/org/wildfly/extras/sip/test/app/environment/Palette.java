package org.wildfly.extras.sip.test.app.environment;

/** The enum type of an env-entry of the environment test application. */
public enum Palette {
    RED, GREEN
}
