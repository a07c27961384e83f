/**
 * Getting files out of an md/LVM stack with the built-in appliance: the job that assembles md read-only,
 * activates the VG's volumes (snapshots included), mounts each filesystem read-only without journal replay and
 * tars the files onto an output disk; the report of what could not be assembled, activated or mounted; the
 * unpacking into OUT/&lt;vg&gt;/&lt;lv&gt;/ and the sha256 manifest. Also the VM's view of each volume's bytes
 * (whole and per-chunk sha256 from /dev/VG/LV), the oracle a host-side extraction is compared with.
 */
package io.qrescue.recovery.vm.rescue;
