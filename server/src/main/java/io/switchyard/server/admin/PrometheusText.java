package io.switchyard.server.admin;

import java.math.BigDecimal;

/**
 * Builds a page in Prometheus' text exposition format (version 0.0.4): {@code # HELP} and
 * {@code # TYPE} lines, then samples with escaped label values.
 */
final class PrometheusText {
    /** The media type Prometheus expects. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    void help(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ');
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** A sample with labels given as name, value pairs. */
    void sample(String name, String[] labels, double value) {
        start(name, labels, null, null);
        out.append(goFloat(value)).append('\n');
    }

    /** A sample with one more label after {@code labels} (a histogram's {@code le}). */
    void sample(String name, String[] labels, String extraName, String extraValue, double value) {
        start(name, labels, extraName, extraValue);
        out.append(goFloat(value)).append('\n');
    }

    private void start(String name, String[] labels, String extraName, String extraValue) {
        out.append(name);
        if (labels.length > 0 || extraName != null) {
            out.append('{');
            boolean first = true;
            for (int i = 0; i < labels.length; i += 2) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                label(labels[i], labels[i + 1]);
            }
            if (extraName != null) {
                if (!first) {
                    out.append(',');
                }
                label(extraName, extraValue);
            }
            out.append('}');
        }
        out.append(' ');
    }

    private void label(String name, String value) {
        out.append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('"');
    }

    /**
     * A sample value as the Prometheus Go client writes it: Go's shortest {@code %g}
     * ({@code strconv.FormatFloat(v, 'g', -1, 64)}), so {@code 1234567} is {@code 1.234567e+06}
     * and {@code 0.25} is {@code 0.25}.
     */
    static String goFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int nd = digits.length();
        int dp = nd - d.scale(); // value = 0.digits x 10^dp
        int exp = dp - 1;
        StringBuilder s = new StringBuilder(24);
        if (v < 0) {
            s.append('-');
        }
        if (exp < -4 || exp >= 6) {
            s.append(digits.charAt(0));
            if (nd > 1) {
                s.append('.').append(digits, 1, nd);
            }
            s.append('e').append(exp < 0 ? '-' : '+');
            int abs = Math.abs(exp);
            if (abs < 10) {
                s.append('0');
            }
            s.append(abs);
        } else if (dp <= 0) {
            s.append("0.").append("0".repeat(-dp)).append(digits);
        } else if (dp >= nd) {
            s.append(digits).append("0".repeat(dp - nd));
        } else {
            s.append(digits, 0, dp).append('.').append(digits, dp, nd);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
