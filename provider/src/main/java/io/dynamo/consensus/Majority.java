package io.dynamo.consensus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of one Paxos phase, apart from any I/O: a majority of the key's N replicas must
 * grant; a replica that refuses names the ballot it promised, which the next attempt must beat.
 * Not thread-safe: the leader calls it under its own lock.
 */
final class Majority<T> {
    /** Where a phase stands: waiting, granted by a majority, refused by a newer ballot, or out of reach. */
    enum Outcome { WAITING, REACHED, PREEMPTED, FAILED }

    private final int asked;
    private final int required;
    private final List<T> granted = new ArrayList<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    private Ballot highestRefusal = Ballot.NONE;
    private int refused;

    Majority(int asked) {
        if (asked < 1) {
            throw new IllegalArgumentException("a round needs at least one replica");
        }
        this.asked = asked;
        this.required = asked / 2 + 1;
    }

    Outcome grant(T reply) {
        granted.add(reply);
        return outcome();
    }

    Outcome refuse(String replica, Ballot promised) {
        refused++;
        highestRefusal = Ballot.max(highestRefusal, promised);
        failed.put(replica, "promised the newer ballot " + promised);
        return outcome();
    }

    Outcome fail(String replica, String reason) {
        failed.put(replica, reason);
        return outcome();
    }

    Outcome outcome() {
        if (granted.size() >= required) {
            return Outcome.REACHED;
        }
        if (granted.size() + pending() >= required) {
            return Outcome.WAITING;
        }
        return refused > 0 ? Outcome.PREEMPTED : Outcome.FAILED;
    }

    List<T> granted() {
        return List.copyOf(granted);
    }

    Ballot highestRefusal() {
        return highestRefusal;
    }

    int required() {
        return required;
    }

    private int pending() {
        return asked - granted.size() - failed.size();
    }

    /** For the error a client sees: how many granted of how many needed, and why the others did not. */
    String describe(String phase) {
        return phase + " needs " + required + " of the key's " + asked + " replicas, " + granted.size() + " granted"
                + (failed.isEmpty() ? "" : ", " + failed) + (pending() > 0 ? ", " + pending() + " not answered" : "");
    }
}
