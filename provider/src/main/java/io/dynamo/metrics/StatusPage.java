package io.dynamo.metrics;

import io.dynamo.metrics.NodeSnapshot.Transfer;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import java.util.Locale;
import java.util.Map;

/**
 * The node's status page: plain HTML built here from a {@link NodeSnapshot}, reloaded by the
 * browser every few seconds, no scripts. Only ids, addresses and counts are shown: nothing of
 * the node's configuration (TLS file paths or keys) reaches it.
 */
final class StatusPage {
    static final int REFRESH_SECONDS = 2;

    private StatusPage() {
    }

    static String render(NodeSnapshot s) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">")
                .append("<title>dynamo node ").append(esc(s.self())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin-bottom:1.2em}")
                .append("th,td{border:1px solid #bbb;padding:.25em .7em;text-align:right}th{background:#eee}td.l,th.l{text-align:left}")
                .append(".up{color:#070}.down{color:#b00;font-weight:bold}.joining,.leaving{color:#a60}</style></head><body>")
                .append("<h1>node ").append(esc(s.self())).append("</h1>");
        members(h, s);
        requests(h, s);
        hints(h, s);
        repair(h, s);
        h.append("<h2>Storage</h2><p id=\"engine\">").append(esc(s.engine())).append(" engine: ").append(s.engineKeys()).append(" keys, ")
                .append(s.engineBytes()).append(" bytes on disk</p>");
        h.append("<p><a href=\"/metrics\">/metrics</a> (Prometheus)</p></body></html>");
        return h.toString();
    }

    private static void members(StringBuilder h, NodeSnapshot s) {
        h.append("<h2>Members and ring ownership</h2><table id=\"members\"><tr><th class=\"l\">member</th><th class=\"l\">address</th>")
                .append("<th class=\"l\">state</th><th>phi</th><th>partitions</th></tr>");
        for (PeerState p : s.members()) {
            h.append("<tr data-member=\"").append(esc(p.id())).append("\"><td class=\"l\">").append(esc(p.id()))
                    .append(p.id().equals(s.self()) ? " (this node)" : "").append("</td><td class=\"l\">").append(esc(p.address()))
                    .append("</td><td class=\"l ").append(esc(p.state())).append("\">").append(esc(p.state())).append("</td><td>")
                    .append(Double.isFinite(p.phi()) ? fmt(p.phi()) : "&infin;").append("</td><td>").append(p.partitions()).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void requests(StringBuilder h, NodeSnapshot s) {
        h.append("<h2>Requests coordinated here</h2><table id=\"requests\"><tr><th class=\"l\">operation</th><th>per second</th>")
                .append("<th>total</th><th>quorum failures</th><th>p50 ms</th><th>p99 ms</th></tr>");
        for (OperationFigures o : s.operations()) {
            h.append("<tr data-operation=\"").append(o.operation()).append("\"><td class=\"l\">").append(o.operation()).append("</td><td class=\"rate\">")
                    .append(fmt(o.perSecond())).append("</td><td>").append(o.requests()).append("</td><td>").append(o.quorumFailures())
                    .append("</td><td>").append(fmt(o.p50Millis())).append("</td><td>").append(fmt(o.p99Millis())).append("</td></tr>");
        }
        h.append("</table><p>sloppy-quorum writes ").append(s.coordinator().sloppyWrites()).append(", hints kept here ")
                .append(s.coordinator().hintsKept()).append(", read repairs ").append(s.coordinator().readRepairs())
                .append(", hedged replica reads ").append(s.coordinator().hedgedReads()).append("</p>");
    }

    private static void hints(StringBuilder h, NodeSnapshot s) {
        h.append("<h2>Hinted handoff</h2><table id=\"hints\"><tr><th class=\"l\">for</th><th>pending</th></tr>");
        for (Map.Entry<String, Long> e : s.hintsPending().entrySet()) {
            h.append("<tr><td class=\"l\">").append(esc(e.getKey())).append("</td><td>").append(e.getValue()).append("</td></tr>");
        }
        h.append("</table><p>").append(s.hintsPendingTotal()).append(" pending, ").append(s.hintsDelivered()).append(" delivered</p>");
    }

    private static void repair(StringBuilder h, NodeSnapshot s) {
        h.append("<h2>Anti-entropy and rebalancing</h2><table id=\"repair\"><tr><th class=\"l\">exchanges</th><th>keys sent</th>")
                .append("<th>keys received</th><th>bytes sent</th><th>bytes received</th></tr>");
        transfer(h, "periodic", s.antiEntropy());
        transfer(h, "repair", s.repairs());
        ChangeProgress r = s.rebalance();
        h.append("</table><p id=\"rebalance\">").append(esc(r.description())).append(r.running() ? " (running)" : "").append(": partitions ")
                .append(r.moved()).append('/').append(r.total()).append(", ").append(r.keys()).append(" keys, ").append(r.bytes())
                .append(" bytes").append(r.error().isEmpty() ? "" : ", error: " + esc(r.error())).append("</p>");
    }

    private static void transfer(StringBuilder h, String kind, Transfer t) {
        h.append("<tr><td class=\"l\">").append(kind).append("</td><td>").append(t.keysSent()).append("</td><td>").append(t.keysReceived())
                .append("</td><td>").append(t.bytesSent()).append("</td><td>").append(t.bytesReceived()).append("</td></tr>");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Text made safe inside an element or a quoted attribute: member ids and addresses come from gossip. */
    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
