package io.dynamo.coordinator;

import java.util.List;
import java.util.Map;

final class Quorums {
    private Quorums() {}

    static String describe(String what, int required, int asked, List<String> answered, Map<String, String> failed, int pending) {
        StringBuilder sb = new StringBuilder();
        sb.append(what).append(" quorum not reached: ").append(answered.size()).append(" of ").append(required)
                .append(" required replies (").append(asked).append(" replicas asked); answered: ").append(answered);
        if (!failed.isEmpty()) {
            sb.append("; failed: ");
            failed.forEach((node, reason) -> sb.append(node).append(" (").append(reason).append(") "));
            sb.setLength(sb.length() - 1);
        }
        if (pending > 0) {
            sb.append("; no answer in time from ").append(pending);
        }
        return sb.toString();
    }
}
