package javax.servlet.sip.ar;

import java.io.Serializable;

/**
 * A routing region: a label and one of the {@link SipApplicationRoutingRegionType}s, or no type for a region a
 * deployment defines itself.
 *
 * @since 1.1
 */
public class SipApplicationRoutingRegion implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The region of applications serving the caller. */
    public static final SipApplicationRoutingRegion ORIGINATING_REGION =
            new SipApplicationRoutingRegion("ORIGINATING", SipApplicationRoutingRegionType.ORIGINATING);

    /** The region of applications serving the callee. */
    public static final SipApplicationRoutingRegion TERMINATING_REGION =
            new SipApplicationRoutingRegion("TERMINATING", SipApplicationRoutingRegionType.TERMINATING);

    /** The region of applications serving no particular subscriber. */
    public static final SipApplicationRoutingRegion NEUTRAL_REGION =
            new SipApplicationRoutingRegion("NEUTRAL", SipApplicationRoutingRegionType.NEUTRAL);

    /** The label. */
    private final String label;

    /** The type, or {@code null} for a custom region. */
    private final SipApplicationRoutingRegionType type;

    /**
     * Creates a region.
     *
     * @param label the region's label
     * @param type the region's type, or {@code null} for a custom region
     */
    public SipApplicationRoutingRegion(String label, SipApplicationRoutingRegionType type) {
        this.label = label;
        this.type = type;
    }

    /**
     * Returns the label.
     *
     * @return the label
     */
    public String getLabel() {
        return this.label;
    }

    /**
     * Returns the type.
     *
     * @return the type, or {@code null} for a custom region
     */
    public final SipApplicationRoutingRegionType getType() {
        return this.type;
    }

    /**
     * Returns the label.
     *
     * @return the label
     */
    @Override
    public String toString() {
        return this.label;
    }
}
