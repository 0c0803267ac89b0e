package org.wildfly.extras.sip.testing;

/**
 * What a {@code sipp} run reported.
 * @param exitCode sipp's exit code: 0 when every call succeeded, 1 when some failed, -1 if it was still running at the deadline (then killed)
 * @param successfulCalls the calls that went through the scenario to its end
 * @param failedCalls the calls that did not: an unexpected message, a timeout, a retransmission limit
 * @param output what sipp printed, then its error log and the messages it exchanged, for an assertion's message
 */
public record SippReport(int exitCode, long successfulCalls, long failedCalls, String output) {

    /** @return whether sipp ended by itself and every call succeeded */
    public boolean passed() {
        return this.exitCode == 0 && this.failedCalls == 0;
    }

    @Override
    public String toString() {
        return "sipp exit " + this.exitCode + ": " + this.successfulCalls + " successful, " + this.failedCalls + " failed calls\n" + this.output;
    }
}
