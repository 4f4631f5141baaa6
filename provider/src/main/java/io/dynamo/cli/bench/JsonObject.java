package io.dynamo.cli.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * One JSON object of the bench report, fields in insertion order, written by Jackson. Numbers keep
 * the form the peer's reports use: latencies with a fixed number of decimals, settings in their
 * shortest plain form; non-finite numbers become {@code null}.
 */
final class JsonObject {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final ObjectNode node = MAPPER.createObjectNode();

    JsonObject add(String name, String value) {
        node.put(name, value);
        return this;
    }

    /** A field present with no value (JSON {@code null}): one that does not apply to this run, such as the rate asked of a closed loop. */
    JsonObject addNull(String name) {
        node.putNull(name);
        return this;
    }

    JsonObject add(String name, long value) {
        node.put(name, value);
        return this;
    }

    JsonObject add(String name, boolean value) {
        node.put(name, value);
        return this;
    }

    /** A number with exactly {@code decimals} digits after the point (as the peer prints latencies). */
    JsonObject add(String name, double value, int decimals) {
        if (Double.isFinite(value)) {
            node.put(name, BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP));
        } else {
            node.putNull(name);
        }
        return this;
    }

    /** A number in its shortest plain form: 50, 0.5, 95.5. */
    JsonObject addPlain(String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, shortest(value));
        } else {
            node.putNull(name);
        }
        return this;
    }

    JsonObject add(String name, JsonObject value) {
        node.set(name, value.node);
        return this;
    }

    JsonObject add(String name, List<String> values) {
        ArrayNode array = node.putArray(name);
        values.forEach(array::add);
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
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String plain(double value) {
        return Double.isFinite(value) ? shortest(value).toPlainString() : "null";
    }

    private static BigDecimal shortest(double value) {
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
