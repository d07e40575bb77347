#!/usr/bin/env bash
# Tracker benchmark: 32 concurrent clients for 20 s each (wrk, loopback) against
#   (a) file details   GET /api/groups/{group}/files/{file}  (the download hot path, grant signing included)
#   (b) list groups    GET /api/groups
#   (c) a trivial endpoint of the same app, GET /actuator/health, as the framework's floor
#   (d) heartbeat      PUT /api/peers/me, round robin over 32 peers (a write: what every agent sends every 30 s)
#   (e) chunk report   PUT /api/groups/{group}/files/{file}/seeders/me, the same 32 peers each reporting half
#                      of the chunks (a write: what a downloading agent sends every 2 s)
#   (f) refresh        GET /api/groups/{group}/files/{file}?manifest=false (peers and grant without the manifest:
#                      what a running download asks every 10 s)
# and prints requests/s, p50 and p99 latency of each and the ratios (a)/(c) and (f)/(c), with the load average.
# Not a test: it only prints numbers.
#
#   bench/tracker.sh                               starts a tracker on H2 in a temporary folder
#   bench/tracker.sh --spring.profiles.active=postgres --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test \
#       --spring.datasource.username=postgres      same, on PostgreSQL (any --key=value goes to the tracker)
#   TRACKER_URL=http://127.0.0.1:8080 bench/tracker.sh   benchmarks trackers already running there (e.g. behind nginx)
# Environment: DURATION (default 20s), CONNECTIONS (32), THREADS (2), WARMUP (5s), TRACKER_JAR (the jar to run;
# default the built one). bench/tracker-scale.sh runs this on H2, on PostgreSQL, and on two instances behind nginx.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${TRACKER_JAR:-$repo/tracker-service/target/tracker-service.jar}"
duration="${DURATION:-20s}" connections="${CONNECTIONS:-32}" threads="${THREADS:-2}" warmup="${WARMUP:-5s}"

if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk" >&2
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >&2
fi
command -v curl >/dev/null || { echo "bench: curl is needed" >&2; exit 1; }

work="$(mktemp -d)"
tracker_pid=""
cleanup() {
  if [ -n "$tracker_pid" ]; then
    kill "$tracker_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$tracker_pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${TRACKER_URL:-}" ]; then
  base="${TRACKER_URL%/}"
else
  [ -f "$jar" ] || (cd "$repo" && mvn -B -q -pl tracker-service -am package -DskipTests) >&2
  port=""
  for p in $(seq 19100 19199); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
  done
  [ -n "$port" ] || { echo "bench: no free port in 19100-19199" >&2; exit 1; }
  base="http://127.0.0.1:$port"
  echo "bench: starting tracker on $base (log: $work/tracker.log)" >&2
  java ${JAVA_OPTS:-} -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
    --p2p.tracker.data-dir="$work/data" --logging.level.root=WARN --p2p.tracker.auth-requests-per-minute=100000 \
    "$@" >"$work/tracker.log" 2>&1 &
  tracker_pid=$!
  for i in $(seq 1 240); do
    curl -fs -o /dev/null "$base/actuator/health" && break
    kill -0 "$tracker_pid" 2>/dev/null || { cat "$work/tracker.log" >&2; echo "bench: tracker died" >&2; exit 1; }
    [ "$i" = 240 ] && { echo "bench: tracker did not start in 120 s" >&2; exit 1; }
    sleep 0.5
  done
fi

# --- a small world: alice shares a 100 MB file in an open group, bob asks for its details ---
# (68 registrations and logins from one address: a tracker started here lifts the per-address limit of 30 a minute;
# one at TRACKER_URL needs --p2p.tracker.auth-requests-per-minute raised likewise)
json='Content-Type: application/json'
suffix="$$$RANDOM"
alice="bench-alice-$suffix" bob="bench-bob-$suffix" group="bench-$suffix"
token_of() {
  curl -fs -H "$json" -d "{\"username\":\"$1\",\"password\":\"pass123\"}" "$base/api/sessions" \
    | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
for u in "$alice" "$bob"; do
  curl -fs -o /dev/null -H "$json" -d "{\"username\":\"$u\",\"password\":\"pass123\"}" "$base/api/users"
done
alice_token="$(token_of "$alice")" bob_token="$(token_of "$bob")"
curl -fs -o /dev/null -H "$json" -H "Authorization: Bearer $alice_token" -d "{\"name\":\"$group\"}" "$base/api/groups"
hash() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
size=$((100 * 1024 * 1024)) chunks=200 list=""
for i in $(seq 1 $chunks); do list="$list${list:+,}\"$(hash "chunk-$i")\""; done
curl -fs -o /dev/null -H "$json" -H "Authorization: Bearer $alice_token" \
  -d "{\"name\":\"video.mp4\",\"size\":$size,\"chunkSize\":524288,\"sha256\":\"$(hash whole)\",\"chunks\":[$list]}" \
  "$base/api/groups/$group/files"
curl -fs -o /dev/null -X PUT -H "$json" -H "Authorization: Bearer $alice_token" -d '{"url":"http://127.0.0.1:7000"}' \
  "$base/api/peers/me"
curl -fs -o /dev/null -H "Authorization: Bearer $bob_token" "$base/api/groups/$group/files/video.mp4" \
  || { echo "bench: setup failed" >&2; exit 1; }

# --- 32 more peers for the write paths (d) and (e): wrk scripts that rotate over their tokens ---
peer_tokens=()
for i in $(seq 1 32); do
  u="bench-peer-$i-$suffix"
  curl -fs -o /dev/null -H "$json" -d "{\"username\":\"$u\",\"password\":\"pass123\"}" "$base/api/users"
  peer_tokens+=("$(token_of "$u")")
  # only members may report chunks
  curl -fs -o /dev/null -X POST -H "Authorization: Bearer ${peer_tokens[-1]}" "$base/api/groups/$group/join-requests"
done
half="$( (head -c 12 /dev/zero | tr '\0' '\377'; head -c 13 /dev/zero) | base64 | tr -d '\n')"
write_script() { # FILE PATH BODY (BODY may use {i}, the peer's number)
  {
    printf 'local tokens = {'
    printf '"%s",' "${peer_tokens[@]}"
    printf '}\nlocal n = 0\nrequest = function()\n  n = n + 1\n  local i = n %% #tokens + 1\n'
    printf '  local body = string.gsub(%s, "{i}", tostring(i))\n' "'$3'"
    printf '  return wrk.format("PUT", "%s", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[i] }, body)\n' "$2"
    printf 'end\n'
  } >"$1"
}
write_script "$work/heartbeat.lua" "/api/peers/me" '{"url":"http://127.0.0.1:7{i}"}'
write_script "$work/report.lua" "/api/groups/$group/files/video.mp4/seeders/me" "{\"sha256\":\"$(hash whole)\",\"chunks\":\"$half\"}"

# --- the runs ---
auth="Authorization: Bearer $bob_token"
declare -A rps p50 p99
run() { # name url [wrk script]
  wrk -t"$threads" -c"$connections" -d"$warmup" -H "$auth" ${3:+-s "$3"} "$2" >/dev/null
  local out
  out="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "$auth" ${3:+-s "$3"} "$2")"
  if grep -q "Non-2xx" <<<"$out"; then echo "bench: $1 answered errors:" >&2; echo "$out" >&2; fi
  rps[$1]="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p50[$1]="$(awk '/^ +50%/ {print $2}' <<<"$out")"
  p99[$1]="$(awk '/^ +99%/ {print $2}' <<<"$out")"
}
echo "bench: $connections connections, $threads wrk threads, $duration per run after a $warmup warm-up, $(nproc) cores" >&2
run details "$base/api/groups/$group/files/video.mp4"
run groups "$base/api/groups"
run health "$base/actuator/health"
run heartbeat "$base/api/peers/me" "$work/heartbeat.lua"
run report "$base/api/groups/$group/files/video.mp4/seeders/me" "$work/report.lua"
run refresh "$base/api/groups/$group/files/video.mp4?manifest=false"

printf '%-34s %12s %10s %10s\n' "endpoint" "requests/s" "p50" "p99"
printf '%-34s %12s %10s %10s\n' "(a) file details (+grant)" "${rps[details]}" "${p50[details]}" "${p99[details]}"
printf '%-34s %12s %10s %10s\n' "(b) list groups" "${rps[groups]}" "${p50[groups]}" "${p99[groups]}"
printf '%-34s %12s %10s %10s\n' "(c) /actuator/health (floor)" "${rps[health]}" "${p50[health]}" "${p99[health]}"
printf '%-34s %12s %10s %10s\n' "(d) heartbeat (write)" "${rps[heartbeat]}" "${p50[heartbeat]}" "${p99[heartbeat]}"
printf '%-34s %12s %10s %10s\n' "(e) chunk report (write)" "${rps[report]}" "${p50[report]}" "${p99[report]}"
printf '%-34s %12s %10s %10s\n' "(f) refresh (manifest=false)" "${rps[refresh]}" "${p50[refresh]}" "${p99[refresh]}"
awk -v a="${rps[details]}" -v f="${rps[refresh]}" -v c="${rps[health]}" -v la="$(cut -d' ' -f1-3 /proc/loadavg)" \
  'BEGIN { printf "ratio (a)/(c): %.2f, (f)/(c): %.2f (load average %s)\n", a / c, f / c, la }'
