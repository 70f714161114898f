package procos.das.validation;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Every state a {@link TokenNet} can reach from its start, explored breadth first up to a budget.
 * A state is the number of tokens on each flow, at most {@value #MAX_TOKENS} (a third token on a
 * flow is not explored further: the second already proves a lack of synchronization), plus one bit
 * saying whether an end event has fired. States are packed two bits per flow into {@code long}
 * words, kept in one array and found again through an open-addressing hash table, so a state costs
 * a few words and no objects.
 */
final class StateSpace {

    static final int MAX_TOKENS = 2;

    private final TokenNet net;
    private final int maxStates;
    private final int flows;
    private final int words;
    private final int endedBit;

    private long[] pool;
    private int[] table;
    private int count;
    private int[] edgeFrom = new int[1024];
    private int[] edgeTo = new int[1024];
    private int edges;

    /** Reachable states with tokens in which nothing can fire. */
    final BitSet dead = new BitSet();
    /** States with a successor that was not explored (a third token on a flow). */
    final BitSet truncated = new BitSet();
    /** Flows that held {@value #MAX_TOKENS} tokens in some reachable state. */
    final BitSet overfull = new BitSet();
    private boolean exceeded;

    private StateSpace(TokenNet net, int maxStates) {
        this.net = net;
        this.maxStates = maxStates;
        this.flows = net.flowCount();
        this.words = (2 * flows + 1 + 63) / 64;
        this.endedBit = 2 * flows;
        this.pool = new long[words * 256];
        this.table = new int[512];
    }

    static StateSpace explore(TokenNet net, int maxStates) {
        StateSpace space = new StateSpace(net, maxStates);
        space.run();
        return space;
    }

    int states() {
        return count;
    }

    /** True when the budget ran out before every reachable state was seen. */
    boolean exceeded() {
        return exceeded;
    }

    boolean ended(int state) {
        return bit(state, endedBit);
    }

    /** Tokens on {@code flow} in {@code state}. */
    int tokens(int state, int flow) {
        long word = pool[state * words + (2 * flow) / 64];
        return (int) (word >>> ((2 * flow) % 64)) & 3;
    }

    boolean empty(int state) {
        for (int flow = 0; flow < flows; flow++) {
            if (tokens(state, flow) > 0) {
                return false;
            }
        }
        return true;
    }

    private void run() {
        int[] start = new int[flows];
        for (int flow : net.initial()) {
            start[flow]++;
        }
        long[] scratch = new long[words];
        add(encode(start, false, scratch));
        int[] counts = new int[flows];
        int[] next = new int[flows];
        List<TokenNet.Transition> transitions = net.transitions();
        for (int state = 0; state < count; state++) {
            decode(state, counts);
            boolean ended = ended(state);
            boolean anyEnabled = false;
            for (TokenNet.Transition transition : transitions) {
                if (!fire(transition, counts, next)) {
                    continue;
                }
                anyEnabled = true;
                if (overflows(next)) {
                    truncated.set(state);
                    continue;
                }
                int successor = add(encode(next, ended || transition.end(), scratch));
                if (successor < 0) {
                    exceeded = true;
                    return;
                }
                edge(state, successor);
            }
            if (!anyEnabled && !isEmpty(counts)) {
                dead.set(state);
            }
        }
    }

    /** True when a flow would hold more than {@value #MAX_TOKENS} tokens; records the flows that hold exactly that many. */
    private boolean overflows(int[] next) {
        for (int flow = 0; flow < flows; flow++) {
            if (next[flow] > MAX_TOKENS) {
                return true;
            }
        }
        for (int flow = 0; flow < flows; flow++) {
            if (next[flow] == MAX_TOKENS) {
                overfull.set(flow);
            }
        }
        return false;
    }

    /** Fires {@code transition} on {@code counts} into {@code next}; false when it is not enabled. */
    private static boolean fire(TokenNet.Transition transition, int[] counts, int[] next) {
        int[] consume = transition.consume();
        if (transition.isInclusiveJoin()) {
            if (!inclusiveJoinEnabled(transition, counts)) {
                return false;
            }
        } else {
            for (int flow : consume) {
                if (counts[flow] == 0) {
                    return false;
                }
            }
        }
        if (transition.terminate()) {
            Arrays.fill(next, 0);
            return true;
        }
        System.arraycopy(counts, 0, next, 0, counts.length);
        for (int flow : consume) {
            if (next[flow] > 0) {
                next[flow]--;
            }
        }
        for (int flow : transition.produce()) {
            next[flow]++;
        }
        return true;
    }

    private static boolean inclusiveJoinEnabled(TokenNet.Transition transition, int[] counts) {
        int[] incoming = transition.consume();
        boolean anyToken = false;
        for (int flow : incoming) {
            anyToken |= counts[flow] > 0;
        }
        if (!anyToken) {
            return false;
        }
        for (int i = 0; i < incoming.length; i++) {
            if (counts[incoming[i]] > 0) {
                continue;
            }
            BitSet upstream = transition.upstream()[i];
            for (int flow = upstream.nextSetBit(0); flow >= 0; flow = upstream.nextSetBit(flow + 1)) {
                if (counts[flow] > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isEmpty(int[] counts) {
        for (int tokens : counts) {
            if (tokens > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * States from which no state is reachable that is complete (no tokens), dead, truncated or
     * unexplored: tokens keep moving there but can never all be consumed. Only meaningful when the
     * whole space was explored.
     */
    BitSet neverFinishing() {
        int[] offsets = new int[count + 1];
        for (int i = 0; i < edges; i++) {
            offsets[edgeTo[i] + 1]++;
        }
        for (int i = 0; i < count; i++) {
            offsets[i + 1] += offsets[i];
        }
        int[] predecessors = new int[edges];
        int[] fill = Arrays.copyOf(offsets, count);
        for (int i = 0; i < edges; i++) {
            predecessors[fill[edgeTo[i]]++] = edgeFrom[i];
        }
        BitSet finishing = new BitSet(count);
        int[] open = new int[count];
        int top = 0;
        for (int state = 0; state < count; state++) {
            if (empty(state) || dead.get(state) || truncated.get(state)) {
                finishing.set(state);
                open[top++] = state;
            }
        }
        while (top > 0) {
            int state = open[--top];
            for (int i = offsets[state]; i < offsets[state + 1]; i++) {
                int before = predecessors[i];
                if (!finishing.get(before)) {
                    finishing.set(before);
                    open[top++] = before;
                }
            }
        }
        BitSet never = new BitSet(count);
        never.set(0, count);
        never.andNot(finishing);
        return never;
    }

    /**
     * The states of a cycle that {@code state} runs into when one keeps following its first
     * successor; every state in {@link #neverFinishing()} has one, so this names the loop itself
     * rather than the path that led into it.
     */
    List<Integer> cycleFrom(int state) {
        int[] firstSuccessor = new int[count];
        Arrays.fill(firstSuccessor, -1);
        for (int i = edges - 1; i >= 0; i--) {
            firstSuccessor[edgeFrom[i]] = edgeTo[i];
        }
        java.util.Map<Integer, Integer> seenAt = new java.util.HashMap<>();
        List<Integer> path = new java.util.ArrayList<>();
        int current = state;
        while (current >= 0 && !seenAt.containsKey(current)) {
            seenAt.put(current, path.size());
            path.add(current);
            current = firstSuccessor[current];
        }
        return current < 0 ? path : path.subList(seenAt.get(current), path.size());
    }

    private long[] encode(int[] counts, boolean ended, long[] into) {
        Arrays.fill(into, 0);
        for (int flow = 0; flow < counts.length; flow++) {
            into[(2 * flow) / 64] |= ((long) counts[flow]) << ((2 * flow) % 64);
        }
        if (ended) {
            into[endedBit / 64] |= 1L << (endedBit % 64);
        }
        return into;
    }

    private void decode(int state, int[] counts) {
        for (int flow = 0; flow < flows; flow++) {
            counts[flow] = tokens(state, flow);
        }
    }

    private boolean bit(int state, int bit) {
        return (pool[state * words + bit / 64] & (1L << (bit % 64))) != 0;
    }

    /** The index of the state, adding it when new; -1 when it is new and the budget is spent. */
    private int add(long[] state) {
        int mask = table.length - 1;
        int slot = hash(state) & mask;
        while (table[slot] != 0) {
            int existing = table[slot] - 1;
            if (Arrays.equals(pool, existing * words, existing * words + words, state, 0, words)) {
                return existing;
            }
            slot = (slot + 1) & mask;
        }
        if (count >= maxStates) {
            return -1;
        }
        if ((count + 1) * words > pool.length) {
            pool = Arrays.copyOf(pool, pool.length * 2);
        }
        System.arraycopy(state, 0, pool, count * words, words);
        table[slot] = ++count;
        if (count * 2 > table.length) {
            rehash();
        }
        return count - 1;
    }

    private void rehash() {
        int[] bigger = new int[table.length * 2];
        int mask = bigger.length - 1;
        long[] state = new long[words];
        for (int index = 0; index < count; index++) {
            System.arraycopy(pool, index * words, state, 0, words);
            int slot = hash(state) & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = index + 1;
        }
        table = bigger;
    }

    private static int hash(long[] state) {
        long h = 0x9E3779B97F4A7C15L;
        for (long word : state) {
            h = (h ^ word) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (int) (h ^ (h >>> 32));
    }

    private void edge(int from, int to) {
        if (edges == edgeFrom.length) {
            edgeFrom = Arrays.copyOf(edgeFrom, edges * 2);
            edgeTo = Arrays.copyOf(edgeTo, edges * 2);
        }
        edgeFrom[edges] = from;
        edgeTo[edges] = to;
        edges++;
    }
}
