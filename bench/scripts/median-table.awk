# The median table of extract.sh and extract-luks.sh: reads their raw TSV (id, label, round, seconds, exit; a header
# line first) and prints one Markdown row per configuration: runs, median seconds, MB/s of `bytes` (-v bytes=N),
# and the ratio to the dd run of the same kind (id "dd-KIND"). Rows whose id starts with "openssl-" hold MB/s, not
# seconds (openssl speed's own figure). Failed runs (exit not 0) are left out.
NR > 1 && $5 == 0 { t[$1] = t[$1] " " $4; label[$1] = $2; if (!($1 in seen)) { order[++k] = $1; seen[$1] = 1 } }
function median(list,   a, m, i, j, v) {
    m = split(substr(list, 2), a, " ")
    for (i = 2; i <= m; i++) { v = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > v; j--) a[j + 1] = a[j]; a[j + 1] = v }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
END {
    for (i = 1; i <= k; i++) { id = order[i]; med[id] = median(t[id]); runs[id] = split(substr(t[id], 2), x, " ") }
    for (i = 1; i <= k; i++) {
        id = order[i]; kind = id; sub(/^[^-]*-/, "", kind); ref = "dd-" kind
        if (id ~ /^openssl-/) { printf "| %s | %d | – | %.0f | – |\n", label[id], runs[id], med[id]; continue }
        ratio = (id != ref && (ref in med)) ? sprintf("%.2f", med[ref] / med[id]) : "–"
        printf "| %s | %d | %.2f | %.0f | %s |\n", label[id], runs[id], med[id], bytes / med[id] / 1e6, ratio
    }
}
