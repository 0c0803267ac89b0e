package org.wildfly.extras.sip.container;

import java.util.Locale;

import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.transport.RawRequest;

/**
 * The dialog an INVITE's Join (RFC 3911) or Replaces (RFC 3891) header names, when one of its tags is one this
 * container issued: the tag carries the application session of the dialog, so any node finds it.
 * @param header "Join" or "Replaces"
 * @param callId the dialog's Call-ID
 * @param toTag the header's to-tag
 * @param fromTag the header's from-tag
 * @param applicationSessionId the application session one of the tags names
 */
record DialogReference(String header, String callId, String toTag, String fromTag, String applicationSessionId) {

    /** @return the reference of an INVITE's Join or Replaces header whose dialog is one of ours, or {@code null} */
    static DialogReference of(RawRequest request) {
        if (!request.method().equals("INVITE")) {
            return null;
        }
        for (String header : new String[] { "Replaces", "Join" }) {
            String value = request.headers().first(header);
            if (value != null) {
                return parse(header, value);
            }
        }
        return null;
    }

    private static DialogReference parse(String header, String value) {
        String[] parts = value.split(";");
        String toTag = null;
        String fromTag = null;
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            String name = parameter[0].trim().toLowerCase(Locale.ROOT);
            if (parameter.length == 2 && name.equals("to-tag")) {
                toTag = parameter[1].trim();
            } else if (parameter.length == 2 && name.equals("from-tag")) {
                fromTag = parameter[1].trim();
            }
        }
        String callId = parts[0].trim();
        if (callId.isEmpty() || toTag == null || fromTag == null) {
            return null; // malformed: not ours to act on; the application sees the header as it came
        }
        String applicationSessionId = SessionKeys.applicationSessionId(toTag);
        if (applicationSessionId == null) {
            applicationSessionId = SessionKeys.applicationSessionId(fromTag);
        }
        return (applicationSessionId != null) ? new DialogReference(header, callId, toTag, fromTag, applicationSessionId) : null;
    }
}
