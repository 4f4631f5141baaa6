package io.dynamo.cli.bench;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * A minimal writer of one flat-ish JSON object, fields in insertion order. Enough for the bench
 * report without a JSON dependency: strings are escaped per RFC 8259, non-finite numbers become
 * {@code null}.
 */
final class JsonObject {
    private final StringBuilder out = new StringBuilder("{");
    private boolean empty = true;

    JsonObject add(String name, String value) {
        name(name);
        string(out, value);
        return this;
    }

    JsonObject add(String name, long value) {
        name(name).append(value);
        return this;
    }

    JsonObject add(String name, boolean value) {
        name(name).append(value);
        return this;
    }

    /** A number with exactly {@code decimals} digits after the point (as the peer prints latencies). */
    JsonObject add(String name, double value, int decimals) {
        name(name).append(Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "null");
        return this;
    }

    /** A number in its shortest plain form: 50, 0.5, 95.5. */
    JsonObject addPlain(String name, double value) {
        name(name).append(plain(value));
        return this;
    }

    JsonObject add(String name, JsonObject value) {
        name(name).append(value);
        return this;
    }

    JsonObject add(String name, List<String> values) {
        StringBuilder b = name(name).append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            string(b, values.get(i));
        }
        b.append(']');
        return this;
    }

    /** A value of a caller-supplied type: numbers and booleans as such, anything else as its string. */
    JsonObject addValue(String name, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return add(name, ((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return addPlain(name, n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return add(name, b.booleanValue());
        }
        return add(name, String.valueOf(value));
    }

    @Override
    public String toString() {
        return out + "}";
    }

    static String plain(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private StringBuilder name(String name) {
        if (!empty) {
            out.append(',');
        }
        empty = false;
        string(out, name);
        return out.append(':');
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
