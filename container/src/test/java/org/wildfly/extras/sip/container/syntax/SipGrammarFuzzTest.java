package org.wildfly.extras.sip.container.syntax;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The container's own grammar (addresses, URIs, parameters: what an application's {@code SipFactory} and every header
 * an application reads go through) fails only with {@link SyntaxException} on any text, which the API turns into a
 * {@code ServletParseException} and the dispatcher into a 400.
 *
 * <p>Every build replays the inputs under {@code SipGrammarFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class SipGrammarFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyTextFailsOnlyAsASyntaxError(String text) {
        if (text == null) {
            return; // the fuzzer's way of saying "no value"; the container never parses null
        }
        try {
            SipGrammar.parseAddress(text).toString();
        } catch (SyntaxException expected) {
            // a 400, or a ServletParseException
        }
        try {
            SipGrammar.parseUri(text).toString();
        } catch (SyntaxException expected) {
            // idem
        }
        try {
            SipGrammar.parseParameterable(text, new Parameters());
        } catch (SyntaxException expected) {
            // idem
        }
    }
}
