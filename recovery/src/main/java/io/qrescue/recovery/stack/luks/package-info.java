/**
 * LUKS1 and LUKS2 in Java: the header and its key slots ({@link io.qrescue.recovery.stack.luks.LuksHeaderReader},
 * both LUKS2 copies chosen as cryptsetup does), key derivation (PBKDF2 through the JDK's HMACs, argon2i/argon2id
 * through Bouncy Castle, the only package that may use it), AF-merge and the master-key digest
 * ({@link io.qrescue.recovery.stack.luks.LuksUnlocker}), QNAP's password rules
 * ({@link io.qrescue.recovery.stack.luks.QnapPassword}), and the decrypted volume as a layer of the stack
 * ({@link io.qrescue.recovery.stack.luks.LuksSource}: AES in cbc-plain, cbc-plain64, cbc-essiv:HASH and
 * xts-plain64 with dm-crypt's sector IVs; a sector with one bad byte decrypts to garbage, so damage widens to whole
 * encryption sectors). Secrets never appear in a message, a {@code toString} or an exception.
 */
package io.qrescue.recovery.stack.luks;
