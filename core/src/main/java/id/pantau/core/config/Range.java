package id.pantau.core.config;

/**
 * Numeric bounds of an option; {@code null} is unbounded on that side. Every number a configuration takes is
 * bounded above too, so that a typo such as {@code 1e308} is an error at load time, not an overflow later.
 */
public record Range(Double min, boolean minOpen, Double max, boolean maxOpen, boolean bySide) {

    public Range(Double min, boolean minOpen, Double max, boolean maxOpen) {
        this(min, minOpen, max, maxOpen, false);
    }

    /** {@code [min, max]} */
    public static Range closed(double min, double max) {
        return new Range(min, false, max, false);
    }

    /** {@code (min, max]} */
    public static Range openClosed(double min, double max) {
        return new Range(min, true, max, false);
    }

    /** {@code (min, max)} */
    public static Range open(double min, double max) {
        return new Range(min, true, max, true);
    }

    public static Range atLeast(double min) {
        return new Range(min, false, null, false);
    }

    /** {@code (min, max]}, whose errors name only the side crossed: {@code must be > 0}, {@code must be <= 120}. */
    public static Range above(double min, double max) {
        return new Range(min, true, max, false, true);
    }

    /** {@code [min, max]}, whose errors name only the side crossed: {@code must be >= 1}, {@code must be <= 1024}. */
    public static Range from(double min, double max) {
        return new Range(min, false, max, false, true);
    }

    /** What an error says about {@code v}: the whole range, or only the side it crossed. */
    public String describeFor(double v, boolean integers) {
        if (!bySide) {
            return describe(integers);
        }
        boolean belowMin = min != null && (minOpen ? v <= min : v < min);
        return belowMin ? new Range(min, minOpen, null, false).describe(integers)
                : new Range(null, false, max, maxOpen).describe(integers);
    }

    public boolean contains(double v) {
        boolean aboveMin = min == null || (minOpen ? v > min : v >= min);
        boolean belowMax = max == null || (maxOpen ? v < max : v <= max);
        return aboveMin && belowMax;
    }

    /** As the error messages and the reference tables say it: {@code 0..65535}, {@code > 0}, {@code in (0, 1)}. */
    public String describe(boolean integers) {
        if (min != null && max != null) {
            if (integers && !minOpen && !maxOpen) {
                return format(min) + ".." + format(max);
            }
            return "in " + (minOpen ? "(" : "[") + format(min) + ", " + format(max) + (maxOpen ? ")" : "]");
        }
        if (min != null) {
            return (minOpen ? "> " : ">= ") + format(min);
        }
        return max == null ? "any number" : (maxOpen ? "< " : "<= ") + format(max);
    }

    /** Whole numbers without a trailing ".0", as an operator wrote them. */
    public static String format(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v) : Double.toString(v);
    }
}
