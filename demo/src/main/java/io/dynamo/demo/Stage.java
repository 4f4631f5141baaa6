package io.dynamo.demo;

import io.dynamo.launcher.LocalCluster;
import io.dynamo.ring.Member;

/** What every phase of the demo works with: the screen, the cluster, the operator's view of it, the figures and the ledger. */
record Stage(Screen screen, DemoCluster cluster, ClusterProbe probe, LiveFigures figures, CartClients clients, Ledger ledger) {
    LocalCluster nodes() {
        return cluster.nodes();
    }

    /** Node {@code i} as a ring member, {@code ID@HOST:PORT}. */
    Member member(int i) {
        return Member.parse(nodes().layout().node(i).member());
    }

    void say(String line) {
        screen.say(line);
    }
}
