package io.qrescue.recovery.stack.thin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The live metadata blocks (reachable from the superblock, plus QNAP's backup slots) with every role each plays
 * (a node shared by a snapshot and its origin has one role per device), and how many pointers reach each. A block
 * a readable parent points to is live with the role and key range the parent gives even when the block itself
 * cannot be read or fails validation; such blocks are also {@link #isUnreadable unreadable} (nothing below is known).
 */
public final class MetadataBlockMap {

    private final NavigableMap<Long, List<BlockRole>> roles;
    private final Map<Long, Integer> references;
    private final NavigableSet<Long> unreadable;

    private MetadataBlockMap(NavigableMap<Long, List<BlockRole>> roles, Map<Long, Integer> references,
            NavigableSet<Long> unreadable) {
        this.roles = roles;
        this.references = references;
        this.unreadable = unreadable;
    }

    /** True when live block {@code blockNr} could not be read or failed validation (its role comes from its parent). */
    public boolean isUnreadable(long blockNr) {
        return unreadable.contains(blockNr);
    }

    /** Live blocks that could not be read or failed validation, ascending. */
    public NavigableSet<Long> unreadableBlocks() {
        return Collections.unmodifiableNavigableSet(unreadable);
    }

    /** The roles of block {@code blockNr}; empty when the block is not live. */
    public List<BlockRole> rolesOf(long blockNr) {
        List<BlockRole> r = roles.get(blockNr);
        return r == null ? List.of() : Collections.unmodifiableList(r);
    }

    public boolean isLive(long blockNr) {
        return roles.containsKey(blockNr);
    }

    /** Live blocks in {@code [fromBlock, toBlock)}, ascending, with their roles. */
    public NavigableMap<Long, List<BlockRole>> liveIn(long fromBlock, long toBlock) {
        return Collections.unmodifiableNavigableMap(roles.subMap(fromBlock, true, toBlock, false));
    }

    /** Every live block, ascending. */
    public NavigableMap<Long, List<BlockRole>> all() {
        return Collections.unmodifiableNavigableMap(roles);
    }

    public int liveBlockCount() {
        return roles.size();
    }

    /** Pointers to {@code blockNr} from distinct parents (superblock roots included): its expected reference count. */
    public int referencesTo(long blockNr) {
        return references.getOrDefault(blockNr, 0);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects roles during the walks; a parent's child pointers are counted only on its first visit. */
    static final class Builder {
        private final NavigableMap<Long, List<BlockRole>> roles = new TreeMap<>();
        private final Map<Long, Integer> references = new HashMap<>();
        private final NavigableSet<Long> unreadable = new TreeSet<>();

        /** Records a role; returns true when this is the block's first role (first visit). */
        boolean add(long blockNr, BlockRole role) {
            List<BlockRole> list = roles.get(blockNr);
            boolean first = list == null;
            if (first) {
                list = new ArrayList<>(1);
                roles.put(blockNr, list);
            }
            if (!list.contains(role)) {
                list.add(role);
            }
            return first;
        }

        /** Records a role for a block that cannot be read or fails validation (role from its parent). */
        void addUnreadable(long blockNr, BlockRole role) {
            add(blockNr, role);
            unreadable.add(blockNr);
        }

        void reference(long blockNr) {
            references.merge(blockNr, 1, Integer::sum);
        }

        MetadataBlockMap build() {
            return new MetadataBlockMap(roles, references, unreadable);
        }
    }
}
