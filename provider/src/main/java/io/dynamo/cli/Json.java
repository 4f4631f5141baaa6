package io.dynamo.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** The admin commands' {@code --json}: their report records written by Jackson, one object per line. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String write(Object report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + report.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
