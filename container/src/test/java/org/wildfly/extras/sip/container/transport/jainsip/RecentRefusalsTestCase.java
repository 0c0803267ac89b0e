package org.wildfly.extras.sip.container.transport.jainsip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPRequest;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.Refusal;

/** What the transport remembers of the requests it refused, so that their copies get the same answer. */
class RecentRefusalsTestCase {

    private static final Refusal OVERLOADED = new Refusal(503, "Service Unavailable (overloaded)", 5);
    private final MessageFactoryImpl factory = new MessageFactoryImpl();

    @Test
    void aCopyIsFoundByBranchAndMethod() throws Exception {
        RecentRefusals refusals = new RecentRefusals();
        assertNull(refusals.find(this.request("INVITE", "z9hG4bK-1")));
        refusals.remember(this.request("INVITE", "z9hG4bK-1"), OVERLOADED, "tag1");
        RecentRefusals.Sent again = refusals.find(this.request("INVITE", "z9hG4bK-1"));
        assertNotNull(again);
        assertEquals(OVERLOADED, again.refusal());
        assertEquals("tag1", again.toTag());
        assertNotNull(refusals.find(this.request("INVITE", "Z9HG4BK-1")), "branches compare without case (RFC 3261 §17.2.3)");
        assertNull(refusals.find(this.request("CANCEL", "z9hG4bK-1")), "the CANCEL of the refused INVITE is another request");
        assertNull(refusals.find(this.request("INVITE", "z9hG4bK-2")));
    }

    @Test
    void anRfc2543BranchIsNotRemembered() throws Exception {
        RecentRefusals refusals = new RecentRefusals();
        refusals.remember(this.request("INVITE", "old-style-1"), OVERLOADED, "tag1");
        assertEquals(0, refusals.size(), "without the magic cookie a branch names no transaction");
    }

    @Test
    void theOldestAreForgottenPastTheCapacity() throws Exception {
        RecentRefusals refusals = new RecentRefusals();
        for (int i = 0; i <= RecentRefusals.CAPACITY; i++) {
            refusals.remember(this.request("INVITE", "z9hG4bK-flood-" + i), OVERLOADED, "t" + i);
        }
        assertEquals(RecentRefusals.CAPACITY, refusals.size());
        assertNull(refusals.find(this.request("INVITE", "z9hG4bK-flood-0")), "the oldest went");
        assertNotNull(refusals.find(this.request("INVITE", "z9hG4bK-flood-" + RecentRefusals.CAPACITY)), "the newest stays");
    }

    private SIPRequest request(String method, String branch) throws Exception {
        return (SIPRequest) this.factory.createRequest(method + " sip:service@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + "\r\n"
                + "From: <sip:caller@127.0.0.1>;tag=c\r\nTo: <sip:service@127.0.0.1>\r\nCall-ID: " + branch + "\r\n"
                + "CSeq: 1 " + method + "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    }
}
