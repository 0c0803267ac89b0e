package org.wildfly.extras.sip.test.app.environment;

import java.io.IOException;

import jakarta.annotation.Resource;
import jakarta.servlet.ServletException;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * Answers a MESSAGE with what its sip.xml's environment gave it, one header each: an env-entry injected by annotation
 * (the descriptor gives the value), one injected by the descriptor's injection-target, an enum one looked up in
 * java:comp/env, a resource-ref injected and looked up, whether the descriptor's post-construct ran, and the roles a
 * component it calls sees (its run-as).
 */
public class EnvironmentServlet extends javax.servlet.sip.SipServlet {

    private static final long serialVersionUID = 1L;

    @Resource(name = "greeting")
    private String greeting;

    /** Set by sip.xml's injection-target. */
    private Integer limit;

    /** Set by sip.xml's resource-ref injection-target. */
    private SipFactory factory;

    private transient String rolesAtInit;
    private boolean ready;

    /** sip.xml's post-construct. */
    void ready() {
        this.ready = true;
    }

    @Override
    public void init() throws ServletException {
        this.rolesAtInit = CallerRoles.seen();
    }

    @Override
    protected void doMessage(SipServletRequest request) throws ServletException, IOException {
        SipServletResponse response = request.createResponse(SipServletResponse.SC_OK);
        response.setHeader("X-Sip-Application", request.getApplicationSession().getApplicationName());
        response.setHeader("X-Greeting", this.greeting);
        response.setHeader("X-Limit", String.valueOf(this.limit));
        response.setHeader("X-Factory", String.valueOf(this.factory != null && this.factory.createSipURI("a", "example.com") != null));
        response.setHeader("X-Post-Construct", String.valueOf(this.ready));
        response.setHeader("X-Roles", CallerRoles.seen());
        response.setHeader("X-Roles-At-Init", this.rolesAtInit);
        try {
            InitialContext naming = new InitialContext();
            response.setHeader("X-Palette", String.valueOf(naming.lookup("java:comp/env/palette")));
            response.setHeader("X-Looked-Up-Factory", String.valueOf(naming.lookup("java:comp/env/sip/factory") instanceof SipFactory));
            response.setHeader("X-Web-Entry", String.valueOf(lookupOrNone(naming, "java:comp/env/web/origin")));
        } catch (NamingException e) {
            response.setHeader("X-Naming-Failure", e.toString());
        }
        response.send();
    }

    private static Object lookupOrNone(InitialContext naming, String name) {
        try {
            return naming.lookup(name);
        } catch (NamingException e) {
            return "none";
        }
    }
}
