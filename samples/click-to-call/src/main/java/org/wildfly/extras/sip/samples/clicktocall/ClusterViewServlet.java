package org.wildfly.extras.sip.samples.clicktocall;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /cluster}: the cluster's members, the node that answers, and the calls in progress with the node that owns
 * each, as JSON, for the page at the application's root. The container puts both lists in the servlet context
 * (attributes {@value #CALLS} and {@value #MEMBERS}, plain Java types), so this class needs no container API.
 */
@WebServlet("/cluster")
public class ClusterViewServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    static final String CALLS = "org.wildfly.extras.sip.calls";
    static final String MEMBERS = "org.wildfly.extras.sip.cluster-members";
    private static final List<String> LEG_FIELDS = List.of("call-id", "application-session", "owner", "state", "role", "local-party", "remote-party");

    @Override
    @SuppressWarnings("unchecked")
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Supplier<List<Map<String, String>>> calls = (Supplier<List<Map<String, String>>>) this.getServletContext().getAttribute(CALLS);
        Supplier<List<String>> members = (Supplier<List<String>>) this.getServletContext().getAttribute(MEMBERS);
        if (calls == null || members == null) {
            response.sendError(HttpServletResponse.SC_NOT_IMPLEMENTED, "This SIP container does not list its calls (servlet-context attributes " + CALLS + " and " + MEMBERS + ")");
            return;
        }
        StringBuilder json = new StringBuilder("{\"node\":").append(quote(System.getProperty("jboss.node.name", request.getLocalName())));
        json.append(",\"members\":[");
        String separator = "";
        for (String member : members.get()) {
            json.append(separator).append(quote(member));
            separator = ",";
        }
        json.append("],\"calls\":[");
        separator = "";
        for (Map<String, String> leg : calls.get()) {
            json.append(separator).append('{');
            String field = "";
            for (String name : LEG_FIELDS) {
                json.append(field).append(quote(name)).append(':').append(quote(leg.get(name)));
                field = ",";
            }
            json.append('}');
            separator = ",";
        }
        json.append("]}");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().print(json);
    }

    /** @return a JSON string, or {@code null} */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        quoted.append(String.format("\\u%04x", (int) c)); // control characters, and no markup in a party's display name
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
