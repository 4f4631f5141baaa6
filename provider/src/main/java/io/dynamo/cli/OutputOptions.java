package io.dynamo.cli;

import picocli.CommandLine.Option;

/** {@code --json}: the same report for machines, one JSON object (Jackson) instead of the human table. */
final class OutputOptions {
    @Option(names = "--json", description = "Print the report as one JSON object instead of a table.")
    boolean json;

    /** Prints {@code report} as JSON, or its human form. */
    void print(Report report) {
        System.out.println(json ? Json.write(report) : report.human());
    }

    /** A report an admin command prints: its record's fields are the JSON. */
    interface Report {
        /** The table or lines a person reads (no trailing newline). */
        String human();
    }
}
