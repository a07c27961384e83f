#!/bin/sh
# Times reading the dm-thin metadata of a sparse 4 TB pool (64 KiB chunks, 67,108,864 data blocks) with
# about 2.1 million mappings in three volumes (a million single-block mappings, the rest in runs), built by
# thin_restore from generated XML. Prints per round: CPU ms of ThinMetadata.read, of every volume's extent
# map, of the reverse map, and wall ms (io.qrescue.bench.harness.ThinMetadataTiming).
#
# Usage: bench/scripts/thin-metadata.sh [WORKDIR]    (from the repository root, after
#        mvn -q -B -DskipTests install; needs thin_restore from thin-provisioning-tools)
set -eu

jar=bench/target/benchmarks.jar
[ -f "$jar" ] || { echo "$jar missing: run 'mvn -q -B -DskipTests install' at the repository root" >&2; exit 1; }
command -v thin_restore >/dev/null || { echo "thin_restore not found (Debian package thin-provisioning-tools)" >&2; exit 1; }

work=${1:-$(mktemp -d /tmp/qrescue-thin.XXXXXX)}
mkdir -p "$work"
xml=$work/pool.xml
meta=$work/pool.meta

if [ ! -f "$meta" ]; then
    # Seeded generator: per volume, runs of 2..64 blocks first, then single mappings; random gaps between them.
    awk 'BEGIN {
        srand(4); d = 0
        print "<superblock uuid=\"\" time=\"9\" transaction=\"42\" flags=\"0\" version=\"2\" data_block_size=\"128\" nr_data_blocks=\"67108864\">"
        split("20000 10000 5000", runs, " "); split("400000 300000 300000", singles, " ")
        for (dev = 1; dev <= 3; dev++) {
            print "  <device dev_id=\"" dev "\" mapped_blocks=\"0\" transaction=\"1\" creation_time=\"0\" snap_time=\"0\">"
            v = 0
            for (k = 0; k < runs[dev] + singles[dev]; k++) {
                if (k < runs[dev]) {
                    len = 2 + int(rand() * 63)
                    print "    <range_mapping origin_begin=\"" v "\" data_begin=\"" d "\" length=\"" len "\" time=\"0\"/>"
                } else {
                    len = 1
                    print "    <single_mapping origin_block=\"" v "\" data_block=\"" d "\" time=\"0\"/>"
                }
                d += len + int(rand() * 9); v += len + 1 + int(rand() * 20)
            }
            print "  </device>"
        }
        print "</superblock>"
    }' > "$xml"
    truncate -s 1G "$meta"
    thin_restore -i "$xml" -o "$meta"
fi
java -cp "$jar" io.qrescue.bench.harness.ThinMetadataTiming "$meta" "${ROUNDS:-8}"
