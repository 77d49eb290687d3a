package io.switchyard.domain.balance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Weighted round robin as an earliest-deadline-first schedule (balancing.md §2.3): a binary
 * min-heap of deadlines laid out exactly like Go's {@code container/heap}, so that children added
 * in the same order produce Traefik's sequence, ties included.
 */
final class EdfWeightedRoundRobin implements Balancer {

    private static final class Entry {
        final Member member;
        final double step;
        double deadline;
        /** The pick in which this entry was last seen unselectable; bounds a pick to one cycle. */
        long seenInPick;

        Entry(Member member, double deadline) {
            this.member = member;
            this.step = 1.0 / member.weight();
            this.deadline = deadline;
        }
    }

    private final List<Member> members;
    private final Entry[] heap;
    private final ReentrantLock lock = new ReentrantLock();
    private double current;
    private long picks;

    EdfWeightedRoundRobin(List<Member> children) {
        List<Member> registered = new ArrayList<>();
        for (Member member : List.copyOf(children)) {
            if (member.weight() > 0) {
                registered.add(member);
            }
        }
        members = List.copyOf(registered);
        heap = new Entry[members.size()];
        for (int n = 0; n < heap.length; n++) {
            Member member = members.get(n);
            heap[n] = new Entry(member, current + 1.0 / member.weight());
            up(n);
        }
    }

    @Override
    public Optional<Member> pick(String clientIp) {
        if (!anySelectable()) {
            // Traefik answers 503 here without advancing any deadline (no child UP, or all fenced).
            return Optional.empty();
        }
        return cycle();
    }

    /** Runs the schedule until a selectable child comes up or every child was seen unselectable. */
    Optional<Member> cycle() {
        if (heap.length == 0) {
            return Optional.empty();
        }
        lock.lock();
        try {
            long pick = ++picks;
            int unselectableSeen = 0;
            int last = heap.length - 1;
            while (true) {
                // heap.Pop then heap.Push of the same entry, as in Go: swap root and last, sift the
                // new root down within [0, last), advance the entry, sift it up from the end.
                Entry entry = heap[0];
                swap(0, last);
                down(0, last);
                current = entry.deadline;
                entry.deadline += entry.step;
                up(last);
                if (entry.member.selectable()) {
                    return Optional.of(entry.member);
                }
                // Deliberate deviation (§2.3 QUIRK): Traefik loops forever when every UP child is
                // fenced; we stop once every child has been seen unselectable in this pick.
                if (entry.seenInPick != pick) {
                    entry.seenInPick = pick;
                    if (++unselectableSeen == heap.length) {
                        return Optional.empty();
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean anySelectable() {
        for (Member member : members) {
            if (member.selectable()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Member> members() {
        return members;
    }

    private void up(int j) {
        while (true) {
            int i = (j - 1) / 2;
            if (i == j || !(heap[j].deadline < heap[i].deadline)) {
                return;
            }
            swap(i, j);
            j = i;
        }
    }

    private void down(int i, int n) {
        while (true) {
            int j = 2 * i + 1;
            if (j >= n) {
                return;
            }
            if (j + 1 < n && heap[j + 1].deadline < heap[j].deadline) {
                j++;
            }
            if (!(heap[j].deadline < heap[i].deadline)) {
                return;
            }
            swap(i, j);
            i = j;
        }
    }

    private void swap(int i, int j) {
        Entry e = heap[i];
        heap[i] = heap[j];
        heap[j] = e;
    }

    @Override
    public String toString() {
        return "EdfWeightedRoundRobin" + members;
    }
}
