package org.wildfly.extras.sip.container.transport.jainsip;

/**
 * Finds a header field in a received datagram by its bytes, without parsing the message: the thread that receives every
 * UDP datagram asks this of each one, and must stay quick enough not to leave datagrams in the kernel's buffer. A field
 * is found on the first line of the head whose name is the field's (case-insensitive, long or compact form); folded
 * lines and malformed heads find nothing, and the parser answers them later.
 */
final class DatagramFields {

    private DatagramFields() {
    }

    /**
     * @param datagram a whole datagram
     * @param name the field's name, lower case
     * @param compact the field's compact name, lower case
     * @return the index of the colon of the first such field in the head, or -1 if the head has none
     */
    static int colon(byte[] datagram, String name, char compact) {
        int line = nextLine(datagram, 0); // past the start line
        while (line < datagram.length) {
            int end = lineEnd(datagram, line);
            if (end == line) {
                return -1; // the blank line: the head ends
            }
            int colon = colonIfNamed(datagram, line, end, name, compact);
            if (colon >= 0) {
                return colon;
            }
            line = nextLine(datagram, end);
        }
        return -1;
    }

    /**
     * A hash of the Call-ID's value (blanks around it left out), the same for every copy of a message and every message of
     * a call that writes its Call-ID the same way.
     * @param datagram a whole datagram
     * @return the hash, or 0 if the head has no Call-ID
     */
    static int callIdHash(byte[] datagram) {
        int colon = colon(datagram, "call-id", 'i');
        if (colon < 0) {
            return 0;
        }
        int start = colon + 1;
        int end = lineEnd(datagram, start);
        while (start < end && blank(datagram[start])) {
            start++;
        }
        while (end > start && blank(datagram[end - 1])) {
            end--;
        }
        int hash = 1;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + datagram[i];
        }
        return hash;
    }

    /** @return the index of the line's CR or LF, or the datagram's end */
    static int lineEnd(byte[] datagram, int start) {
        int end = start;
        while (end < datagram.length && datagram[end] != '\r' && datagram[end] != '\n') {
            end++;
        }
        return end;
    }

    /** @return the start of the line after the one at {@code index} */
    static int nextLine(byte[] datagram, int index) {
        int end = lineEnd(datagram, index);
        if (end < datagram.length && datagram[end] == '\r') {
            end++;
        }
        return (end < datagram.length && datagram[end] == '\n') ? end + 1 : end;
    }

    /** @return the index of the colon if the line from {@code start} to {@code end} is the named field, else -1 */
    private static int colonIfNamed(byte[] datagram, int start, int end, String name, char compact) {
        int nameEnd = start;
        while (nameEnd < end && datagram[nameEnd] != ':' && !blank(datagram[nameEnd])) {
            nameEnd++;
        }
        int length = nameEnd - start;
        if (!((length == 1 && lower(datagram[start]) == compact) || (length == name.length() && named(datagram, start, name)))) {
            return -1;
        }
        int colon = nameEnd;
        while (colon < end && blank(datagram[colon])) {
            colon++;
        }
        return (colon < end && datagram[colon] == ':') ? colon : -1;
    }

    private static boolean named(byte[] datagram, int start, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (lower(datagram[start + i]) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean blank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static int lower(byte b) {
        return (b >= 'A' && b <= 'Z') ? b + ('a' - 'A') : b;
    }
}
