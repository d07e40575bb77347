#!/usr/bin/env bash
# Download rate limit over loopback: one seeding agent, one downloading agent, a download with its own
# limit (BENCH_LIMIT bytes/s, default 20000000: `download_file --limit 20MB`) of a BENCH_SIZE_MIB file
# (default 1024), sampled every second for BENCH_SECONDS (default 30); then a file of the same size
# unlimited, for comparison.
# Prints every second's rate, and ends with: limit 20 MB/s: observed <x> MB/s (±<y>%)
# where x is the bytes verified over the sampled span and y the distance from the limit. The rate of each
# second counts whole 512 KiB chunks, so single seconds wobble by a chunk or two (about ±3% at 20 MB/s).
# Everything listens on 127.0.0.1 only; every wait is bounded; everything started here is stopped.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mib="${BENCH_SIZE_MIB:-1024}"
seconds="${BENCH_SECONDS:-30}"
rate="${BENCH_LIMIT:-20000000}"
say() { echo "bench: $*" >&2; }
now() { date +%s.%N; }
for tool in jq curl java; do command -v "$tool" >/dev/null || { say "$tool is needed"; exit 1; }; done

agent_opts=(-Xmx128m)
limit=600          # seconds any single control call may take
source "$repo/bench/agents.sh"
mkdir -p "$work/files"

say "writing 2 x ${size_mib} MiB of random bytes"
for name in limited.bin unlimited.bin; do head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/files/$name"; done
bytes=$(stat -c %s "$work/files/limited.bin")

start_tracker 300
make_group limits seed down
start_agents seed down

say "the seeder hashes and shares the files"
for name in limited.bin unlimited.bin; do
  control seed POST /control/shares "{\"path\":\"$work/files/$name\",\"group\":\"limits\"}" >/dev/null
done
mkdir -p "$work/down/dest"
start() { # name maxRate -> id
  control down POST /control/downloads \
    "{\"group\":\"limits\",\"fileName\":\"$1\",\"dest\":\"$work/down/dest\",\"seed\":false,\"maxRate\":$2}" | jq -r .id
}
done_bytes() { control down GET "/control/downloads/$1" | jq -r .bytesDone; }

say "downloading with a limit of $rate bytes/s for ${seconds}s"
id=$(start limited.bin "$rate")
# Skip the first chunks (asking the tracker for peers and a grant), then sample each second.
for _ in $(seq 1 100); do [ "$(done_bytes "$id")" -gt 0 ] && break; sleep 0.1; done
t0=$(now); b0=$(done_bytes "$id"); prev=$b0; tprev=$t0
per_second=()
for s in $(seq 1 "$seconds"); do
  sleep "$(awk -v t0="$t0" -v s="$s" -v n="$(now)" 'BEGIN { d = t0 + s - n; print (d > 0 ? d : 0) }')"
  t=$(now); b=$(done_bytes "$id")
  r=$(awk -v b="$b" -v p="$prev" -v t="$t" -v q="$tprev" 'BEGIN { printf "%.1f", (b - p) / 1e6 / (t - q) }')
  per_second+=("$r")
  echo "second $s: $r MB/s"
  prev=$b; tprev=$t
  [ "$b" -lt "$bytes" ] || { say "the file was complete before ${seconds}s: make BENCH_SIZE_MIB larger"; break; }
done
observed=$(awk -v b="$prev" -v a="$b0" -v t="$tprev" -v s="$t0" 'BEGIN { printf "%.2f", (b - a) / 1e6 / (t - s) }')
control down POST "/control/downloads/$id/pause" >/dev/null

say "the same size unlimited, for comparison"
t_start=$(now)
id2=$(start unlimited.bin 0)
for _ in $(seq 1 6000); do [ -f "$work/down/dest/unlimited.bin" ] && break; sleep 0.1; done
state=$(control down GET "/control/downloads/$id2" | jq -r .state)
unlimited=$(awk -v b="$bytes" -v s="$t_start" -v t="$(now)" 'BEGIN { printf "%.1f", b / 1e6 / (t - s) }')

sorted=$(printf '%s\n' "${per_second[@]}" | sort -g)
echo "file: $size_mib MiB over loopback ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)); MB = 10^6 bytes"
echo "per second: min $(head -1 <<<"$sorted") MB/s, max $(tail -1 <<<"$sorted") MB/s over ${#per_second[@]} s"
echo "unlimited, same size: $unlimited MB/s ($state)"
awk -v o="$observed" -v l="$rate" 'BEGIN { d = (o * 1e6 - l) / l * 100; if (d < 0) d = -d
  printf "limit %g MB/s: observed %s MB/s (±%.1f%%)\n", l / 1e6, o, d }'
