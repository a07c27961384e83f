package io.qrescue.recovery.stack.thin;

/** A metadata block read as a btree node: the {@link BTreeNode}, or the {@link BTreeNode.Problem} that makes it none. */
sealed interface ParsedNode permits BTreeNode, BTreeNode.Problem {
}
