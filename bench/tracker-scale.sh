#!/usr/bin/env bash
# Tracker benchmark (bench/tracker.sh: file details, list groups, health, heartbeat, chunk report; wrk) in three set-ups:
#   1. one tracker on H2                               (the default, a laptop's tracker)
#   2. one tracker on PostgreSQL                       (127.0.0.1:5432, database test, a fresh schema)
#   3. two trackers on one PostgreSQL schema behind nginx (round robin, upstream keep-alive)
# and prints requests/s, p50 and p99 of each side by side. Not a test: it only prints numbers.
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust authentication) with psql, wrk and nginx
# (installed with apt-get when missing). Everything listens on 127.0.0.1; every wait is bounded; it stops
# what it started (trackers, nginx) and drops its schemas.
# Environment: DURATION, CONNECTIONS, THREADS, WARMUP as for bench/tracker.sh (WARMUP_PAIR, default 10s, is the
# warm-up of set-up 3, whose two JVMs share the warm-up traffic); ONLY="h2 pg pg2" picks set-ups.
# On one machine the two instances share its cores with nginx, PostgreSQL and wrk: set-up 3 shows the cost of
# the extra hop and that nothing breaks, not the gain of a second machine.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
only="${ONLY:-h2 pg pg2}"
say() { echo "bench: $*" >&2; }
psql_do() { PGCONNECT_TIMEOUT=5 timeout 30 psql -h 127.0.0.1 -p 5432 -U postgres -d test -v ON_ERROR_STOP=1 -qAtX -c "$1"; }

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v psql >/dev/null || missing+=(postgresql-client)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
if ! psql_do 'SELECT 1' >/dev/null; then
  say "PostgreSQL at 127.0.0.1:5432 (user postgres, database test) is not reachable; start it first"
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/p2p-bench-scale.XXXXXX")"
chmod 755 "$work"   # nginx workers (user nobody when started as root) use temp folders in here
pids=() schemas=()
cleanup() {
  local pid s
  for pid in ${pids[@]+"${pids[@]}"}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${pids[@]+"${pids[@]}"}; do
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  for s in ${schemas[@]+"${schemas[@]}"}; do psql_do "DROP SCHEMA IF EXISTS $s CASCADE" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# A copy of the jar, so that a rebuild during the benchmark cannot break a running tracker.
[ -f "$repo/tracker-service/target/tracker-service.jar" ] \
  || (cd "$repo" && mvn -B -q -pl tracker-service -am package -DskipTests) >&2
export TRACKER_JAR="$work/tracker-service.jar"
cp "$repo/tracker-service/target/tracker-service.jar" "$TRACKER_JAR"
! command -v jar >/dev/null || jar tf "$TRACKER_JAR" >/dev/null 2>&1 || { say "the tracker jar is incomplete (a build is writing it?)"; exit 1; }

new_schema() { # sets s (not run in a subshell, so that cleanup sees every schema to drop)
  s="bench_$(date +%s)_$$_$RANDOM"
  schemas+=("$s")
  psql_do "CREATE SCHEMA $s" >/dev/null
}
free_port() {
  local candidate
  for _ in $(seq 100); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null && [[ " $* " != *" $candidate "* ]]; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}
wait_http() { # URL PID NAME
  for _ in $(seq 240); do
    curl -fs -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { say "$3 died"; return 1; }
    sleep 0.5
  done
  say "$3 did not answer $1 within 120 s"
  return 1
}

declare -A table   # set-up -> bench/tracker.sh's table (stdout)
# --- 1. H2 ---
if [[ " $only " == *" h2 "* ]]; then
  say "=== one tracker, H2"
  table[h2]="$("$repo/bench/tracker.sh")"
fi
# --- 2. PostgreSQL, one instance ---
if [[ " $only " == *" pg "* ]]; then
  say "=== one tracker, PostgreSQL"
  new_schema
  table[pg]="$("$repo/bench/tracker.sh" --spring.profiles.active=postgres \
    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$s" --spring.datasource.username=postgres)"
fi
# --- 3. PostgreSQL, two instances behind nginx ---
if [[ " $only " == *" pg2 "* ]]; then
  say "=== two trackers, one PostgreSQL, behind nginx"
  new_schema
  p1="$(free_port)" p2="$(free_port "$p1")" pn="$(free_port "$p1" "$p2")"
  for n in 1 2; do
    port="p$n"
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM options
    java ${JAVA_OPTS:-} -jar "$TRACKER_JAR" --server.address=127.0.0.1 "--server.port=${!port}" \
      --spring.profiles.active=postgres "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$s" \
      --spring.datasource.username=postgres --p2p.tracker.data-dir="$work/data$n" --logging.level.root=WARN \
      >"$work/tracker$n.log" 2>&1 &
    pids+=($!)
    eval "tracker${n}_pid=$!"
  done
  mkdir -p "$work/nginx/logs"
  cat >"$work/nginx/nginx.conf" <<EOF
# Generated by bench/tracker-scale.sh: two trackers behind one nginx, loopback only.
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  upstream trackers {
    server 127.0.0.1:$p1 max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$p2 max_fails=1 fail_timeout=10s;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$pn;
    client_max_body_size 16m;
    location / {
      proxy_pass http://trackers;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_connect_timeout 2s;
    }
  }
}
EOF
  "$nginx_bin" -p "$work/nginx" -e "$work/nginx/logs/error.log" -c "$work/nginx/nginx.conf" &
  nginx_pid=$!
  pids+=("$nginx_pid")
  # shellcheck disable=SC2154 # set by eval above
  wait_http "http://127.0.0.1:$p1/actuator/health" "$tracker1_pid" "tracker 1"
  # shellcheck disable=SC2154
  wait_http "http://127.0.0.1:$p2/actuator/health" "$tracker2_pid" "tracker 2"
  wait_http "http://127.0.0.1:$pn/actuator/health" "$nginx_pid" "nginx"
  say "trackers on :$p1 and :$p2, nginx on :$pn"
  # Two JVMs share the warm-up traffic: each gets twice as long, so each sees as many warm-up requests.
  table[pg2]="$(TRACKER_URL="http://127.0.0.1:$pn" WARMUP="${WARMUP_PAIR:-10s}" "$repo/bench/tracker.sh")"
  # Both instances answered: every request went round robin.
  for n in 1 2; do
    port="p$n"
    metrics="$(curl -fs "http://127.0.0.1:${!port}/actuator/prometheus")" || continue
    awk -v n="$n" '/^http_server_requests_seconds_count/ && /files\/\{fileName\}"/ && /status="200"/ { c += $2 }
                   END { printf "bench: instance %d answered %d file-details requests\n", n, c }' <<<"$metrics" >&2
  done
fi

# --- side by side ---
echo
printf '%-44s %-30s %12s %10s %10s\n' "set-up" "endpoint" "requests/s" "p50" "p99"
for key in h2 pg pg2; do
  [ -n "${table[$key]:-}" ] || continue
  case $key in
    h2) name="one tracker, H2" ;;
    pg) name="one tracker, PostgreSQL" ;;
    pg2) name="two trackers, PostgreSQL, behind nginx" ;;
  esac
  grep -E '^\((a|b|c|d|e)\)' <<<"${table[$key]}" | while read -r line; do
    # "(a) file details (+grant)   1234.5   3.2ms   9.9ms": the last three fields are numbers.
    set -- $line
    n=$#; rps="${@:n-2:1}" p50="${@:n-1:1}" p99="${@:n:1}"
    label="$(awk '{ NF -= 3; print }' <<<"$line")"
    printf '%-44s %-30s %12s %10s %10s\n' "$name" "$label" "$rps" "$p50" "$p99"
  done
done
echo "($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; ${CONNECTIONS:-32} connections,"\
  "${DURATION:-20s} per endpoint after a ${WARMUP:-5s} warm-up, ${WARMUP_PAIR:-10s} for the pair)"
