package org.wildfly.extras.sip.container.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import javax.servlet.sip.Address;
import javax.servlet.sip.SipURI;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.syntax.SipGrammar;

/** Addresses, URIs and parameterable values travel as text plus mode, and come back equal and as protected as they were. */
class SerialFormTestCase {

    @Test
    void addressKeepsItsTextAndMode() throws Exception {
        AddressImpl address = Addresses.of(SipGrammar.parseAddress("\"Bob\" <sip:bob@example.com;transport=tcp>;tag=a1;q=0.5"), Mode.READ_ONLY);
        Address copy = (Address) roundTrip(address);
        assertEquals(address.toString(), copy.toString());
        assertEquals(Mode.READ_ONLY, ((AddressImpl) copy).mode());
        assertThrows(IllegalStateException.class, () -> copy.setDisplayName("Eve"));
    }

    @Test
    void urisAndParameterablesComeBackAsTheirKind() throws Exception {
        SipURI uri = (SipURI) roundTrip(Uris.parse("sips:alice@atlanta.example.com:5061;lr"));
        assertEquals("sips:alice@atlanta.example.com:5061;lr", uri.toString());
        assertInstanceOf(TelUrlImpl.class, roundTrip(Uris.parse("tel:+1-201-555-0123")));
        assertInstanceOf(GenericUriImpl.class, roundTrip(Uris.parse("mailto:bob@example.com")));
        ParameterableImpl parameterable = (ParameterableImpl) roundTrip(Parameterables.parse("text/html;level=1"));
        assertEquals("text/html", parameterable.getValue());
        assertEquals("1", parameterable.getParameter("level"));
        assertEquals(Mode.MUTABLE, parameterable.mode());
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream output = new ObjectOutputStream(bytes)) {
            output.writeObject(value);
        }
        try (ObjectInputStream input = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return input.readObject();
        }
    }
}
