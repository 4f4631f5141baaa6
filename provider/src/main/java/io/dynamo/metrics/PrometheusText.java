package io.dynamo.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Samples of a Prometheus text scrape, for programs that read a node's figures over HTTP (the
 * demo, tests): no Micrometer needed on their side.
 */
public record PrometheusText(List<Sample> samples) {
    public PrometheusText {
        samples = List.copyOf(samples);
    }

    /** One line: a metric name, its labels, its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }
    }

    /** GETs {@code http://host:port/metrics} within {@code timeout}. */
    public static PrometheusText scrape(String host, int port, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/metrics")).timeout(timeout).GET().build();
        HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics of " + host + ":" + port + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Parses the text format's sample lines; comments ({@code # HELP}, {@code # TYPE}) are skipped. */
    public static PrometheusText parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int brace = l.indexOf('{');
            int space = l.lastIndexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            String name;
            if (brace >= 0 && brace < space) {
                name = l.substring(0, brace);
                int close = l.lastIndexOf('}');
                labels(l.substring(brace + 1, close), labels);
            } else {
                name = l.substring(0, space).strip();
            }
            out.add(new Sample(name, labels, value(l.substring(space + 1))));
        }
        return new PrometheusText(out);
    }

    private static void labels(String body, Map<String, String> into) {
        int i = 0;
        while (i < body.length()) {
            int eq = body.indexOf('=', i);
            if (eq < 0) {
                return;
            }
            String key = body.substring(i, eq).strip();
            StringBuilder v = new StringBuilder();
            int j = eq + 2; // past ="
            while (j < body.length() && body.charAt(j) != '"') {
                char c = body.charAt(j);
                if (c == '\\' && j + 1 < body.length()) {
                    char next = body.charAt(++j);
                    v.append(next == 'n' ? '\n' : next);
                } else {
                    v.append(c);
                }
                j++;
            }
            into.put(key, v.toString());
            i = j + 1;
            while (i < body.length() && (body.charAt(i) == ',' || body.charAt(i) == ' ')) {
                i++;
            }
        }
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** The sum of the samples named {@code name} whose labels include every pair of {@code labels} ({@code key, value, ...}). */
    public double sum(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name)).filter(having(labels)).mapToDouble(Sample::value).sum();
    }

    /** The samples named {@code name} with these labels. */
    public List<Sample> find(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name)).filter(having(labels)).toList();
    }

    private static Predicate<Sample> having(String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in pairs (key, value), got " + labels.length);
        }
        return s -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        };
    }
}
