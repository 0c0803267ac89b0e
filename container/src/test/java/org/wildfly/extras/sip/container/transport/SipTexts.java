package org.wildfly.extras.sip.container.transport;

/**
 * Hand-written SIP messages for tests that play a peer over a {@link UdpProbe}: answers built from a request as a UAS
 * would (RFC 3261 §8.2.6.2), and the few header reads those tests need.
 */
public final class SipTexts {

    private SipTexts() {
    }

    /**
     * @param request a request as received
     * @param tag the To tag of the dialog the answer makes
     * @param port the probe's port, for the Contact
     * @return a 200 OK to it with that To tag and a Contact of that user part
     */
    public static String success(String request, String tag, int port) {
        StringBuilder response = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : request.split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:") || line.startsWith("CSeq:") || line.startsWith("Record-Route:")) {
                response.append(line).append("\r\n");
            } else if (line.startsWith("To:")) {
                response.append(line).append(";tag=").append(tag).append("\r\n");
            }
        }
        return response.append("Contact: <sip:").append(tag).append("@127.0.0.1:").append(port).append(">\r\nContent-Length: 0\r\n\r\n").toString();
    }

    /** @return a 200 OK to a request within a dialog (its To has its tag already) */
    public static String answer(String request) {
        StringBuilder response = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : request.split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("To:") || line.startsWith("Call-ID:") || line.startsWith("CSeq:")) {
                response.append(line).append("\r\n");
            }
        }
        return response.append("Content-Length: 0\r\n\r\n").toString();
    }

    /** @return the value of the first header of that name (any case), or {@code null} */
    public static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    /** @return the To tag of a message, or "none" */
    public static String toTag(String message) {
        String to = header(message, "To");
        return (to != null && to.contains(";tag=")) ? to.substring(to.indexOf(";tag=") + 5).split(";")[0].trim() : "none";
    }
}
