package org.wildfly.extras.sip.container.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How a dialog names its subscriptions (RFC 6665 §8.2.1) and which NOTIFY ends which. */
class SubscriptionsTestCase {

    @Test
    void eventHeaderNamesTheSubscription() {
        assertEquals("presence", DialogState.subscription("Presence", "unknown"), "package names are case-insensitive");
        assertEquals("presence;id=5", DialogState.subscription("presence ; ID=5;other=x", "unknown"));
        assertEquals("refer", DialogState.subscription(null, "refer"), "no Event header: the default package");
    }

    @Test
    void lastSubscriptionEndsTheDialog() {
        DialogState dialog = new DialogState(DialogState.Role.UAS, "c", "l", "r", "<sip:a@x>", "<sip:b@y>", 0, 1, "sip:b@y", List.of(), false,
                DialogState.State.CONFIRMED);
        dialog.subscribed("presence");
        dialog.subscribed("dialog;id=1");
        dialog.subscribed("presence");
        assertEquals(List.of("presence", "dialog;id=1"), dialog.subscriptions(), "the same subscription refreshed is one");
        assertFalse(dialog.unsubscribed("dialog;id=2"), "another id of the package is another subscription");
        assertFalse(dialog.unsubscribed("presence"));
        assertTrue(dialog.unsubscribed("dialog;id=1"), "none left");
    }

    @Test
    void firstReferMatchesItsNotifyWithOrWithoutId() {
        DialogState dialog = new DialogState(DialogState.Role.UAC, "c", "l", "r", "<sip:a@x>", "<sip:b@y>", 1, -1, "sip:b@y", List.of(), false,
                DialogState.State.CONFIRMED);
        dialog.subscribed("refer");
        assertTrue(dialog.unsubscribed("refer;id=1"), "RFC 3515: the NOTIFY may carry the REFER's CSeq as id");
    }
}
