/**
 * LVM2 on a PV: label and pv_header ({@link io.qrescue.recovery.stack.lvm.PvReader}), metadata areas with every
 * metadata copy including older generations in the circular buffer, the metadata text grammar and its one model
 * ({@link io.qrescue.recovery.stack.lvm.MetadataTextParser} into {@link io.qrescue.recovery.stack.lvm.ConfigSection},
 * written back by {@link io.qrescue.recovery.stack.lvm.MetadataTextWriter}), the typed VG model with QNAP's segment
 * types ({@link io.qrescue.recovery.stack.lvm.VolumeGroupReader}), and LV extents → PV bytes
 * ({@link io.qrescue.recovery.stack.lvm.LvMapper}).
 */
package io.qrescue.recovery.stack.lvm;
