# Reading what `/usr/bin/time -v` wrote to a file; sourced by the benchmark scripts.
elapsed_seconds() {  # file
  grep -E 'Elapsed \(wall clock\)' "$1" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'
}
peak_rss_kb() {  # file
  grep 'Maximum resident set size' "$1" | awk '{print $NF}'
}
