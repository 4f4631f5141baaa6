package io.dynamo.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Keys and values as UTF-8 text, the way the tests write and read them. */
final class Utf8 {
    private Utf8() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static List<String> strings(List<byte[]> values) {
        List<String> out = new ArrayList<>();
        for (byte[] v : values) {
            out.add(string(v));
        }
        return out;
    }
}
