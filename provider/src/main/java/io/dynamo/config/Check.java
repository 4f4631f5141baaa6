package io.dynamo.config;

import java.time.Duration;

/**
 * The checks the settings records make in their constructors, so that every refusal reads the
 * same way: the setting's name (the {@code bin/dynamo node} flag without its dashes, where there
 * is one), what it must be, and the value given.
 */
final class Check {
    private Check() {}

    static <T> T given(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be given");
        }
        return value;
    }

    static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    static Duration positive(String name, Duration value) {
        given(name, value);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    static Duration notNegative(String name, Duration value) {
        given(name, value);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }
}
