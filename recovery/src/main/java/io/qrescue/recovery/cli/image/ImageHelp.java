package io.qrescue.recovery.cli.image;

import io.qrescue.mapfile.MapfileHeader;

/** The {@code -h} text of {@code qrescue image}: every ddrescue 1.27 option, in our words. */
final class ImageHelp {

    private ImageHelp() {
    }

    static String text(String invocationName) {
        return """
                qrescue image: GNU ddrescue %s's rescue, with ddrescue's own options and mapfiles.
                Copies infile (usually a failing disk) to outfile, good areas first, and records in the
                mapfile what has been read, what failed and what is still to do, so an interrupted or
                repeated run carries on where the last one stopped. Always give a mapfile unless you are
                sure you will never need to resume. Check device names again after a reboot.

                Usage: %s [options] infile outfile [mapfile]

                Operation (at most one; the default is a rescue):
                  -F, --fill-mode=<types>        overwrite blocks of these types (?*/-+, l = location
                                                 text) in outfile with infile's data; needs a mapfile
                  -G, --generate-mode            guess a mapfile from infile and a partial copy
                      --command-mode             rescue the areas named by commands on standard input
                Where:
                  -b, --sector-size=<bytes>      sector size of infile [512]; later 's' suffixes use it
                  -i, --input-position=<bytes>   start of the rescue domain in infile [0]
                  -o, --output-position=<bytes>  where that start goes in outfile [same as -i]
                  -s, --size=<bytes>             size of the rescue domain [to the end; -1 = to the end]
                  -m, --domain-mapfile=<file>    rescue only the finished blocks of <file> ('-' = stdin)
                  -L, --loose-domain             accept -m and -H mapfiles with gaps or in any order
                  -C, --complete-only            stay inside the blocks the mapfile already lists
                How:
                  -c, --cluster-size=<sectors>   sectors per read while copying [65536 bytes' worth]
                      --cpass=<list>             copying passes to run: 1..5, ranges a-b, commas; 0 = none
                  -K, --skip-size=[<i>][,<max>]  bytes skipped after a read error: initial (0 = never
                                                 skip, else at least 64Ki) and largest [from input size]
                  -R, --reverse                  run every pass in the opposite direction
                  -u, --unidirectional           do not alternate directions between passes
                  -A, --try-again                treat non-trimmed and non-scraped blocks as non-tried
                  -M, --retrim                   treat every failed block as non-trimmed
                  -N, --no-trim                  skip the trimming phase
                  -n, --no-scrape                skip the scraping phase
                  -r, --retry-passes=<n>         retry bad sectors n times (-1 = until none is left) [0]
                  -d, --idirect                  bypass the kernel cache when reading infile
                  -D, --odirect                  bypass the kernel cache when writing outfile
                  -J, --verify-on-error          after each error, reread the last good sector
                  -O, --reopen-on-error          reopen infile after each read error
                  -W, --compare-before-write     write only sectors whose content changes
                  -y, --synchronous              wait for every write to reach the disk
                  -H, --test-mode=<file>         pretend only the finished blocks of <file> are readable
                Limits (a run stops with exit status 1 when one is exceeded):
                  -a, --min-read-rate=<bytes>    reads slower than this per second are slow [0 = auto]
                  -Z, --max-read-rate=<bytes>    never read faster than this per second
                  -e, --max-bad-areas=[+]<n>     at most n bad areas (+n: n new ones in this run)
                  -E, --max-error-rate=<bytes>   at most this many bytes of read errors per second
                  -X, --max-read-errors=<n>      at most n failed reads
                      --max-slow-reads=<n>       at most n slow reads
                  -T, --timeout=<interval>       at most this long without a successful read
                      --delay-slow=<interval>    start looking for slow reads after this long [30]
                      --reset-slow               forget slow reads once the rate recovers
                      --pause-on-error=<interval>  wait this long after each read error [0]; with an
                                                 's' prefix (s0.25) only count the wait, do not sleep
                      --pause-on-pass=<interval>   wait this long between passes [0]
                Outfile and mapfile:
                  -f, --force                    allow a device (non-regular file) as outfile
                  -p, --preallocate              reserve outfile's space before copying
                  -S, --sparse                   leave blocks of zeros unwritten (holes)
                  -t, --truncate                 empty outfile first (only with a blank mapfile)
                  -x, --extend-outfile=<bytes>   make outfile at least this long at the end
                  -I, --verify-input-size        refuse to run if infile's size differs from the mapfile's
                      --same-file                allow infile and outfile to be one file
                  -w, --ignore-write-errors      fill mode: carry on after a failed write
                      --mapfile-interval=[<save>][,<sync>]  save the mapfile every <save> (-1 = auto,
                                                 30 s to 5 min) and sync it every <sync> (5 s or more) [300]
                Messages:
                  -q, --quiet                    no messages at all, not even errors
                  -v, --verbose                  more messages (up to four -v)
                  -B, --binary-prefixes          show sizes with Ki, Mi... instead of k, M...
                  -P, --data-preview[=<lines>]   show the last data read, 1 to 32 lines [3]
                      --ask                      show the files and ask before copying
                      --log-events=<file>        append the run's main events to <file>
                      --log-rates=<file>         write the read rates, once a second, to <file>
                      --log-reads=<file>         write every read and its result to <file>
                qrescue's own (not in ddrescue):
                      --json                     progress as one JSON object per line
                      --latency-log=<file>       write read latencies to <file> as an HdrHistogram
                                                 interval log (one interval a second and per phase) and
                                                 show them on the status screen
                      --read-timeout=<interval>  fail a read that takes longer (e.g. 0.5, 10s), mark its
                                                 area bad as for an I/O error, reopen infile, carry on
                      --reattach-wait=<interval> when infile's disk vanishes, wait this long for it to
                                                 come back (found by serial number and size, under any
                                                 name) and carry on [0 = stop, as ddrescue]
                      --queue-depth=<n>          reads in flight at most, 1 to 256; above 1, reads ahead
                                                 on healthy areas (same map, reads log shows every
                                                 read) [16 for a non-rotational disk, else 1]
                      --simulate=<file>          read infile as a disk failing as <file> says (bad, soft,
                                                 slow, hang, zeros, vanish rules): drills and demos
                  -h, --help                     this help
                  -V, --version                  the version

                Numbers may be decimal, hexadecimal (0x) or octal (leading 0), followed by a multiplier
                (k = 1000, Ki = 1024, M = 10^6, Mi = 2^20, ... up to Y and Yi) and then optionally B
                (bytes) or s (sectors of the -b given before it). Intervals are 1, 1.5 or 1/2, optionally
                followed by s, m, h or d. Long options may be shortened while they stay unambiguous.
                Exit status: 0 done (or nothing to do), 1 bad arguments, files or a limit reached,
                2 corrupt mapfile, 3 internal error.
                """.formatted(MapfileHeader.DDRESCUE_VERSION, invocationName);
    }
}
