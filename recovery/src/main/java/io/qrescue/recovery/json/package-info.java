/**
 * JSON string literals for the hand-written JSON that commands, manifests and reports print (the documents are
 * small and flat; no JSON library is needed for them).
 */
package io.qrescue.recovery.json;
