/**
 * The C library calls of {@link io.qrescue.imager.os.linux}, mapped 1:1 with JNA: no logic lives here. This is
 * the only package of the project that imports {@code com.sun.jna} (checked by {@code ImportRulesTest}).
 */
package io.qrescue.imager.os.linux.jna;
