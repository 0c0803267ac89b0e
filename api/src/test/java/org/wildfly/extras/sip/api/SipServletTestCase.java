package org.wildfly.extras.sip.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How {@link SipServlet} dispatches messages and what its default handlers do.
 */
class SipServletTestCase {

    /** A servlet that records which handler ran, and does nothing else. */
    static class RecordingServlet extends SipServlet {
        private static final long serialVersionUID = 1L;

        final List<String> handled = new ArrayList<>();

        @Override
        protected void doInvite(SipServletRequest req) {
            this.handled.add("doInvite");
        }

        @Override
        protected void doAck(SipServletRequest req) {
            this.handled.add("doAck");
        }

        @Override
        protected void doOptions(SipServletRequest req) {
            this.handled.add("doOptions");
        }

        @Override
        protected void doBye(SipServletRequest req) {
            this.handled.add("doBye");
        }

        @Override
        protected void doCancel(SipServletRequest req) {
            this.handled.add("doCancel");
        }

        @Override
        protected void doRegister(SipServletRequest req) {
            this.handled.add("doRegister");
        }

        @Override
        protected void doSubscribe(SipServletRequest req) {
            this.handled.add("doSubscribe");
        }

        @Override
        protected void doNotify(SipServletRequest req) {
            this.handled.add("doNotify");
        }

        @Override
        protected void doMessage(SipServletRequest req) {
            this.handled.add("doMessage");
        }

        @Override
        protected void doInfo(SipServletRequest req) {
            this.handled.add("doInfo");
        }

        @Override
        protected void doPrack(SipServletRequest req) {
            this.handled.add("doPrack");
        }

        @Override
        protected void doUpdate(SipServletRequest req) {
            this.handled.add("doUpdate");
        }

        @Override
        protected void doRefer(SipServletRequest req) {
            this.handled.add("doRefer");
        }

        @Override
        protected void doPublish(SipServletRequest req) {
            this.handled.add("doPublish");
        }

        @Override
        protected void doProvisionalResponse(SipServletResponse resp) {
            this.handled.add("doProvisionalResponse");
        }

        @Override
        protected void doSuccessResponse(SipServletResponse resp) {
            this.handled.add("doSuccessResponse");
        }

        @Override
        protected void doRedirectResponse(SipServletResponse resp) {
            this.handled.add("doRedirectResponse");
        }

        @Override
        protected void doErrorResponse(SipServletResponse resp) {
            this.handled.add("doErrorResponse");
        }

        @Override
        protected void doBranchResponse(SipServletResponse resp) {
            this.handled.add("doBranchResponse");
        }
    }

    /** A servlet that overrides nothing. */
    static class PlainServlet extends SipServlet {
        private static final long serialVersionUID = 1L;
    }

    @ParameterizedTest
    @CsvSource({ "INVITE, doInvite", "ACK, doAck", "OPTIONS, doOptions", "BYE, doBye", "CANCEL, doCancel",
            "REGISTER, doRegister", "SUBSCRIBE, doSubscribe", "NOTIFY, doNotify", "MESSAGE, doMessage", "INFO, doInfo",
            "PRACK, doPrack", "UPDATE, doUpdate", "REFER, doRefer", "PUBLISH, doPublish" })
    void requestGoesToTheHandlerOfItsMethod(String method, String handler) throws Exception {
        RecordingServlet servlet = new RecordingServlet();
        List<SipServletResponse> sent = new ArrayList<>();
        servlet.service(Stubs.request(method, new ArrayList<>(), sent), null);
        assertEquals(List.of(handler), servlet.handled);
        assertTrue(sent.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "INVITE", "OPTIONS", "BYE", "REGISTER", "SUBSCRIBE", "NOTIFY", "MESSAGE", "INFO", "PRACK",
            "UPDATE", "REFER", "PUBLISH" })
    void unhandledRequestIsAnsweredWith500(String method) throws Exception {
        List<SipServletResponse> sent = new ArrayList<>();
        new PlainServlet().service(Stubs.request(method, new ArrayList<>(), sent), null);
        assertEquals(1, sent.size());
        assertEquals(SipServletResponse.SC_SERVER_INTERNAL_ERROR, sent.get(0).getStatus());
    }

    @ParameterizedTest
    @ValueSource(strings = { "ACK", "CANCEL" })
    void unhandledAckAndCancelAreLeftAlone(String method) throws Exception {
        List<String> calls = new ArrayList<>();
        List<SipServletResponse> sent = new ArrayList<>();
        new PlainServlet().service(Stubs.request(method, calls, sent), null);
        assertEquals(List.of("getMethod"), calls);
        assertTrue(sent.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "FOO", "invite", "Bye", "" })
    void requestWithAMethodWithoutHandlerIsAnsweredWith501(String method) throws Exception {
        RecordingServlet servlet = new RecordingServlet();
        List<SipServletResponse> sent = new ArrayList<>();
        servlet.service(Stubs.request(method, new ArrayList<>(), sent), null);
        assertTrue(servlet.handled.isEmpty());
        assertEquals(1, sent.size());
        assertEquals(SipServletResponse.SC_NOT_IMPLEMENTED, sent.get(0).getStatus());
    }

    @Test
    void extensionMethodIsHandledByOverridingDoRequest() throws Exception {
        List<String> seen = new ArrayList<>();
        SipServlet servlet = new PlainServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doRequest(SipServletRequest req) throws ServletException, IOException {
                if ("FOO".equals(req.getMethod())) {
                    seen.add("FOO");
                } else {
                    super.doRequest(req);
                }
            }
        };
        List<SipServletResponse> sent = new ArrayList<>();
        servlet.service(Stubs.request("FOO", new ArrayList<>(), sent), null);
        assertEquals(List.of("FOO"), seen);
        assertTrue(sent.isEmpty());
    }

    @ParameterizedTest
    @CsvSource({ "100, doProvisionalResponse", "180, doProvisionalResponse", "183, doProvisionalResponse",
            "199, doProvisionalResponse", "200, doSuccessResponse", "202, doSuccessResponse", "299, doSuccessResponse",
            "300, doRedirectResponse", "302, doRedirectResponse", "380, doRedirectResponse", "399, doRedirectResponse",
            "400, doErrorResponse", "404, doErrorResponse", "486, doErrorResponse", "500, doErrorResponse",
            "503, doErrorResponse", "600, doErrorResponse", "603, doErrorResponse", "699, doErrorResponse" })
    void responseGoesToTheHandlerOfItsClass(int status, String handler) throws Exception {
        RecordingServlet servlet = new RecordingServlet();
        servlet.service(null, Stubs.response(status, false, new ArrayList<>()));
        assertEquals(List.of(handler), servlet.handled);
    }

    @ParameterizedTest
    @ValueSource(ints = { 200, 302, 404, 486, 503, 603 })
    void intermediateFinalResponseOnABranchGoesToDoBranchResponse(int status) throws Exception {
        RecordingServlet servlet = new RecordingServlet();
        servlet.service(null, Stubs.response(status, true, new ArrayList<>()));
        assertEquals(List.of("doBranchResponse"), servlet.handled);
    }

    @ParameterizedTest
    @ValueSource(ints = { 100, 180, 200, 301, 404, 503, 603 })
    void unhandledResponsesAreLeftAlone(int status) throws Exception {
        for (boolean branch : new boolean[] { false, true }) {
            List<String> calls = new ArrayList<>();
            SipServletResponse response = Stubs.of(SipServletResponse.class,
                    Map.of("getStatus", args -> status, "isBranchResponse", args -> branch), calls);
            new PlainServlet().service(null, response);
            assertTrue(List.of("getStatus", "isBranchResponse").containsAll(calls), calls.toString());
        }
    }

    @Test
    void serviceRejectsWhatIsNotASipMessage() {
        SipServlet servlet = new RecordingServlet();
        ServletRequest httpRequest = Stubs.of(ServletRequest.class);
        ServletResponse httpResponse = Stubs.of(ServletResponse.class);
        assertThrows(ServletException.class, () -> servlet.service(httpRequest, null));
        assertThrows(ServletException.class, () -> servlet.service(null, httpResponse));
        assertThrows(ServletException.class, () -> servlet.service(null, null));
    }

    @Test
    void requestWinsWhenBothArgumentsAreGiven() throws Exception {
        RecordingServlet servlet = new RecordingServlet();
        servlet.service(Stubs.request("BYE", new ArrayList<>(), new ArrayList<>()),
                Stubs.response(200, false, new ArrayList<>()));
        assertEquals(List.of("doBye"), servlet.handled);
    }

    @Test
    void logWritesToTheServletContextWithTheServletName() throws Exception {
        List<Object[]> logged = new ArrayList<>();
        ServletContext context = Stubs.of(ServletContext.class, Map.of("log", args -> {
            logged.add(args);
            return null;
        }), new ArrayList<>());
        ServletConfig config = Stubs.of(ServletConfig.class, Map.of(
                "getServletName", args -> "uas",
                "getServletContext", args -> context), new ArrayList<>());
        SipServlet servlet = new PlainServlet();
        servlet.init(config);
        servlet.log("hello");
        IllegalStateException failure = new IllegalStateException("boom");
        servlet.log("failed", failure);
        assertEquals(2, logged.size());
        assertEquals("uas: hello", logged.get(0)[0]);
        assertEquals(1, logged.get(0).length);
        assertEquals("uas: failed", logged.get(1)[0]);
        assertSame(failure, logged.get(1)[1]);
    }
}
