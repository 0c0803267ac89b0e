package org.wildfly.extras.sip.test.arquillian;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Where the Arquillian-managed server (src/test/resources/arquillian.xml) listens, and the suite's sipp scenarios. */
final class ArquillianServer {

    private ArquillianServer() {
    }

    /** @return its SIP port, UDP and TCP: the connectors' 5060 plus the server's port offset */
    static int sipPort() {
        return 5060 + Integer.getInteger("sip.test.arquillian.port-offset", 1600);
    }

    /** @return the address of its SIP connectors, for a sipp client */
    static String sip() {
        return "127.0.0.1:" + sipPort();
    }

    /** @return one of the test suite's sipp scenarios (src/test/resources/sipp) */
    static Path scenario(String name) {
        return Path.of(System.getProperty("sip.test.classes.dir", "target/test-classes"), "sipp", name);
    }

    /** @return the answer to an HTTP request */
    static HttpResponse<String> http(String method, URI uri) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
