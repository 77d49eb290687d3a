package io.switchyard.domain.balance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Least time (balancing.md §2.7): the selectable child with the lowest
 * {@code averageTimeToFirstByte × (1 + inFlight) / weight}; exact ties go to the earliest EDF
 * deadline. With sub-millisecond backends every average is 0 and this is deadline round robin.
 */
final class LeastTime implements Balancer {

    private final List<Member> members;
    private final double[] deadlines;
    private final ReentrantLock lock = new ReentrantLock();
    private double current;

    LeastTime(List<Member> children) {
        List<Member> registered = new ArrayList<>();
        for (Member member : List.copyOf(children)) {
            if (member.weight() > 0) {
                registered.add(member);
            }
        }
        members = List.copyOf(registered);
        deadlines = new double[members.size()];
        for (int n = 0; n < deadlines.length; n++) {
            // Staggered start: weight-1 children get deadlines 1, 2, 3, ... in build order.
            deadlines[n] = current + 1.0 / members.get(n).weight();
            current = deadlines[n];
        }
    }

    @Override
    public Optional<Member> pick(String clientIp) {
        int[] healthy = new int[members.size()];
        int n = 0;
        for (int k = 0; k < healthy.length; k++) {
            if (members.get(k).selectable()) {
                healthy[n++] = k;
            }
        }
        if (n == 0) {
            return Optional.empty();
        }
        if (n == 1) {
            return Optional.of(members.get(healthy[0]));
        }
        // Candidates (minimal score) are compacted to the front of healthy, in list order.
        double minScore = Double.MAX_VALUE;
        int candidates = 0;
        for (int k = 0; k < n; k++) {
            Member member = members.get(healthy[k]);
            MemberState state = member.state();
            double score = state.averageTimeToFirstByte() * (1 + state.inFlight()) / member.weight();
            if (score < minScore) {
                minScore = score;
                candidates = 0;
                healthy[candidates++] = healthy[k];
            } else if (score == minScore) {
                healthy[candidates++] = healthy[k];
            }
        }
        if (candidates == 1) {
            return Optional.of(members.get(healthy[0]));
        }
        lock.lock();
        try {
            int selected = healthy[0];
            for (int k = 1; k < candidates; k++) {
                if (deadlines[healthy[k]] < deadlines[selected]) {
                    selected = healthy[k];
                }
            }
            double next = deadlines[selected] + 1.0 / members.get(selected).weight();
            deadlines[selected] = next;
            current = Math.max(current, next);
            return Optional.of(members.get(selected));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Member> members() {
        return members;
    }

    @Override
    public LoadTracking loadTracking(boolean stickyRouted) {
        // §2.4.3: sticky-routed requests are neither counted nor timed.
        return stickyRouted ? LoadTracking.NONE : LoadTracking.IN_FLIGHT_AND_TIME_TO_FIRST_BYTE;
    }

    @Override
    public String toString() {
        return "LeastTime" + members;
    }
}
