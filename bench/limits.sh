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

tracker_jar="$repo/tracker-service/target/tracker-service.jar"
agent_jar="$repo/peer-agent/target/peer-agent.jar"
if [ ! -f "$tracker_jar" ] || [ ! -f "$agent_jar" ]; then
  say "building the tracker and agent jars"
  (cd "$repo" && mvn -B -q -pl tracker-service,peer-agent -am package -DskipTests)
fi

work="$(mktemp -d /tmp/p2p-limits.XXXXXX)"
mkdir -p "$work/jars" "$work/files"
cp "$tracker_jar" "$agent_jar" "$work/jars/"
source "$repo/e2e/loopback.sh"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_http() { # url seconds
  local deadline=$(( $(date +%s) + $2 ))
  until curl -sf -o /dev/null "$1"; do
    [ "$(date +%s)" -lt "$deadline" ] || { say "timed out waiting for $1"; exit 1; }
    sleep 0.2
  done
}

say "writing 2 x ${size_mib} MiB of random bytes"
for name in limited.bin unlimited.bin; do head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/files/$name"; done
bytes=$(stat -c %s "$work/files/limited.bin")

tracker_port=$(free_port)
tracker="http://127.0.0.1:$tracker_port"
java -jar "$work/jars/tracker-service.jar" --server.port="$tracker_port" --server.address=127.0.0.1 \
  --p2p.tracker.data-dir="$work/tracker-data" > "$work/tracker.log" 2>&1 &
pids+=($!)
wait_http "$tracker/actuator/health" 300

api() { # method path token [json]
  local args=(-sS -f --max-time 30 -X "$1" "$tracker$2" -H 'Content-Type: application/json')
  [ -z "$3" ] || args+=(-H "Authorization: Bearer $3")
  [ -z "${4:-}" ] || args+=(-d "$4")
  curl "${args[@]}"
}

declare -A token control_url secret
for user in seed down; do
  api POST /api/users "" "{\"username\":\"limits-$user\",\"password\":\"bench-password\"}" >/dev/null
  session=$(api POST /api/sessions "" "{\"username\":\"limits-$user\",\"password\":\"bench-password\"}")
  token[$user]=$(jq -r .token <<<"$session")
  mkdir -p "$work/$user/.p2p"
  jq -n --arg u "limits-$user" --arg t "$tracker" --argjson s "$session" \
    '{username: $u, trackers: [$t], token: $s.token, expiresAt: $s.expiresAt}' > "$work/$user/.p2p/session.json"
done
api POST /api/groups "${token[seed]}" '{"name":"limits","private":false}' >/dev/null
api POST /api/groups/limits/join-requests "${token[down]}" >/dev/null
for user in seed down; do
  java -Xmx128m -jar "$work/jars/peer-agent.jar" --p2p.agent.home="$work/$user/.p2p" \
    --p2p.agent.chunk-address=127.0.0.1 > "$work/$user.out" 2>&1 &
  pids+=($!)
done
for user in seed down; do
  for _ in $(seq 1 600); do [ -s "$work/$user/.p2p/agent.json" ] && break; sleep 0.1; done
  [ -s "$work/$user/.p2p/agent.json" ] || { say "agent $user did not start; see $work/$user.out"; exit 1; }
  control_url[$user]=$(jq -r .controlUrl "$work/$user/.p2p/agent.json")
  secret[$user]=$(cat "$work/$user/.p2p/agent.secret")
done
control() { # user method path [json]
  local args=(-sS -f --max-time 600 -X "$2" "${control_url[$1]}$3" -H "Authorization: Bearer ${secret[$1]}"
    -H 'Content-Type: application/json')
  [ -z "${4:-}" ] || args+=(-d "$4")
  curl "${args[@]}"
}

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
