#!/usr/bin/env bash
# Swarm throughput over loopback: prints numbers, asserts nothing.
#   (a) 1 seeding agent -> 1 downloading agent, (b) 3 seeding agents -> 1 downloading agent,
#   baselines: curl from one nginx, aria2c from three nginx (same file, same machine).
# For every case it also prints the CPU seconds per GiB of each side (the agents' from /proc/<pid>/stat, curl's
# and aria2c's from their own process times, nginx's from its processes), the user-space part of the receivers'
# (steadier than the kernel's), and the ratios of each run, (b) to aria2c and (a) to curl, which hold on a busy
# machine better than the medians do.
# Ends with: swarm 3->1 <MB/s> MB/s, aria2c 3 sources <MB/s> MB/s, ratio <x>
# Everything listens on 127.0.0.1 only; every wait is bounded; everything started here is stopped.
# Before measuring, the agents take part in warm-up transfers (BENCH_WARMUP_ROUNDS, default 6, of
# BENCH_WARMUP_MIB, default 512, to each downloader): the agent is a long-running program, and a JVM
# that has just started spends seconds compiling its hot code, which measures the JIT, not the agent.
# Every seeder hashes its files before the warm-up, so that no hashing (and no compiling of it) overlaps
# a measured transfer. The measured transfers then run BENCH_RUNS times (default 3), the four cases taking
# turns, each after `sync` (no transfer pays for writing back the one before it) and BENCH_SETTLE seconds
# (default 10) of quiet, as agents in use idle between transfers: long enough for the JIT compiler threads
# to finish what the last transfer queued, which on 2 cores otherwise eat into the next; medians are printed.
# Settings: BENCH_SIZE_MIB (default 1024), BENCH_RUNS (default 3), BENCH_DIR (default a fresh folder under
# /tmp), BENCH_AGENT_JAVA_OPTS (JVM options of the agents, default the CLI's: -Xmx128m).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mib="${BENCH_SIZE_MIB:-1024}"
warm_mib="${BENCH_WARMUP_MIB:-512}"
warm_rounds="${BENCH_WARMUP_ROUNDS:-6}"
agent_opts=(${BENCH_AGENT_JAVA_OPTS:--Xmx128m})
runs="${BENCH_RUNS:-3}"
settle_s="${BENCH_SETTLE:-10}"
limit=600          # seconds any single transfer may take
mb() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
say() { echo "bench: $*" >&2; }

source "$repo/bench/agents.sh"
need_tools nginx:nginx aria2c:aria2 jq:jq curl:curl /usr/bin/time:time ps:procps
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

# ---- the file ----
mkdir -p "$work/files"
chmod 755 "$work/files"
file="$work/files/bench.bin"      # (b) and the baselines: held by all three seeders
single="$work/files/single.bin"   # (a): held by seed1 only
say "writing 2 x ${size_mib} MiB of random bytes"
for f in "$file" "$single"; do
  head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$f"
  chmod 644 "$f"
done
bytes=$(stat -c %s "$file")

# ---- tracker and agents ----
start_tracker 300
make_group bench seed1 seed2 seed3 down1 down3
start_agents seed1 seed2 seed3 down1 down3

share() { # user [path]
  control "$1" POST /control/shares "{\"path\":\"${2:-$file}\",\"group\":\"bench\"}" >/dev/null
}

wait_for_file() { # path seconds: returns once the file exists (the agent renames <dest>.part into place at the end)
  python3 - "$1" "$2" <<'PY'
import os, sys, time
path, deadline = sys.argv[1], time.monotonic() + float(sys.argv[2])
while not os.path.exists(path):
    if time.monotonic() > deadline:
        sys.exit("timed out waiting for " + path)
    time.sleep(0.002)
PY
}

swarm_download() { # user [file] -> prints MB/s
  local name="${2:-bench.bin}" dest="$work/$1/dest" id state start elapsed size
  mkdir -p "$dest"
  size=$(stat -c %s "$work/files/$name")
  start=$(now)
  id=$(control "$1" POST /control/downloads \
    "{\"group\":\"bench\",\"fileName\":\"$name\",\"dest\":\"$dest\",\"seed\":false}" | jq -r .id)
  wait_for_file "$dest/$name" "$limit"
  elapsed=$(since "$start")
  state=$(control "$1" GET "/control/downloads/$id" | jq -r .state)
  [ "$state" = COMPLETE ] || { say "download ended $state: $(control "$1" GET "/control/downloads/$id")"; exit 1; }
  cmp -s "$dest/$name" "$work/files/$name" || { say "downloaded file differs!"; exit 1; }
  rm -f "$dest/$name"
  mb "$size" "$elapsed"
}


peak_rss_mib() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

say "the seeders hash and share the files"
share seed1 "$single"
for user in seed1 seed2 seed3; do share "$user"; done

# Agents are long-running: let their JIT compile the hot paths before measuring.
say "warming the agents up: $warm_rounds transfers of $warm_mib MiB to each downloader"
head -c "$((warm_mib * 1024 * 1024))" /dev/urandom > "$work/files/warmup.bin"
chmod 644 "$work/files/warmup.bin"
for user in seed1 seed2 seed3; do share "$user" "$work/files/warmup.bin"; done
for _ in $(seq 1 "$warm_rounds"); do
  swarm_download down1 warmup.bin >/dev/null
  swarm_download down3 warmup.bin >/dev/null
done

# ---- baselines: nginx on three loopback ports serving the same file ----
p1=$(free_port) p2=$(free_port "$p1") p3=$(free_port "$p1" "$p2")
ports=("$p1" "$p2" "$p3")
mkdir -p "$work/nginx/tmp"
{
  echo "worker_processes 2; daemon off; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log;"
  [ "$(id -u)" -ne 0 ] || echo "user root;"
  echo "events { worker_connections 256; }"
  echo "http { access_log off; sendfile on; tcp_nopush on; default_type application/octet-stream;"
  echo "  client_body_temp_path $work/nginx/tmp; proxy_temp_path $work/nginx/tmp; fastcgi_temp_path $work/nginx/tmp;"
  echo "  uwsgi_temp_path $work/nginx/tmp; scgi_temp_path $work/nginx/tmp;"
  for port in "${ports[@]}"; do echo "  server { listen 127.0.0.1:$port; root $work/files; }"; done
  echo "}"
} > "$work/nginx/nginx.conf"
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
pids+=("$nginx_pid")
for port in "${ports[@]}"; do wait_http "http://127.0.0.1:$port/bench.bin" 30; done

mkdir -p "$work/baseline"
# The baselines print "<MB/s> <CPU seconds> <user CPU seconds>": their own user + system time, and the user
# time alone, as /usr/bin/time reads them.
curl_download() {
  local start
  start=$(now)
  /usr/bin/time -f '%U %S' -o "$work/baseline/time" \
    curl -sS -f --max-time "$limit" -o "$work/baseline/curl.bin" "http://127.0.0.1:${ports[0]}/bench.bin"
  echo "$(mb "$bytes" "$(since "$start")") $(awk '{ print $1 + $2, $1 }' "$work/baseline/time")"
  rm -f "$work/baseline/curl.bin"
}
aria_download() {
  local start
  start=$(now)
  /usr/bin/time -f '%U %S' -o "$work/baseline/time" \
    timeout "$limit" aria2c --dir="$work/baseline" --out=aria.bin --allow-overwrite=true --file-allocation=none \
    --split=3 --max-connection-per-server=1 --min-split-size=1M --console-log-level=warn --summary-interval=0 \
    --download-result=hide --quiet=true \
    "http://127.0.0.1:${ports[0]}/bench.bin" "http://127.0.0.1:${ports[1]}/bench.bin" "http://127.0.0.1:${ports[2]}/bench.bin"
  echo "$(mb "$bytes" "$(since "$start")") $(awk '{ print $1 + $2, $1 }' "$work/baseline/time")"
  rm -f "$work/baseline/aria.bin"
}
settle() { sync; sleep "$settle_s"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

hz=$(getconf CLK_TCK)
gib=$(awk -v b="$bytes" 'BEGIN { print b / 1073741824 }')
cpu_s() { # pid...: their user + system CPU seconds so far
  local pid
  for pid in "$@"; do cat "/proc/$pid/stat"; done | awk -v hz="$hz" '{ t += $14 + $15 } END { printf "%.2f", t / hz }'
}
user_s() { awk -v hz="$hz" '{ printf "%.2f", $14 / hz }' "/proc/$1/stat"; }  # pid: its user CPU seconds so far
nginx_cpu_s() { cpu_s "$nginx_pid" $(ps -o pid= --ppid "$nginx_pid"); }  # the master and its workers
per_gib() { awk -v s="$1" -v g="$gib" 'BEGIN { printf "%.2f", s / g }'; }  # CPU seconds of one transfer -> per GiB
minus() { awk -v a="$1" -v b="$2" 'BEGIN { print a - b }'; }
ratios() { # list of a, list of b (as "a1 a2 ..." "b1 b2 ...") -> "a1/b1 a2/b2 ..."
  awk -v a="$1" -v b="$2" 'BEGIN { n = split(a, x, " "); split(b, y, " "); for (i = 1; i <= n; i++) printf "%s%.2f", (i > 1 ? " " : ""), x[i] / y[i] }'
}
seeders=("${agent_pid[seed1]}" "${agent_pid[seed2]}" "${agent_pid[seed3]}")
results_1=(); results_3=(); results_curl=(); results_aria=()
cpu_1_down=(); cpu_1_seed=(); cpu_3_down=(); cpu_3_seeds=(); cpu_curl=(); cpu_aria=(); cpu_nginx_1=(); cpu_nginx_3=()
user_1_down=(); user_3_down=(); user_curl=(); user_aria=()
for run in $(seq 1 "$runs"); do
  say "run $run of $runs: (a) 1 seeder -> 1 downloader, (b) 3 seeders -> 1 downloader, curl, aria2c"
  settle
  down=$(cpu_s "${agent_pid[down1]}") seed=$(cpu_s "${agent_pid[seed1]}") user=$(user_s "${agent_pid[down1]}")
  results_1+=("$(swarm_download down1 single.bin)")
  cpu_1_down+=("$(per_gib "$(minus "$(cpu_s "${agent_pid[down1]}")" "$down")")")
  user_1_down+=("$(per_gib "$(minus "$(user_s "${agent_pid[down1]}")" "$user")")")
  cpu_1_seed+=("$(per_gib "$(minus "$(cpu_s "${agent_pid[seed1]}")" "$seed")")")
  settle
  down=$(cpu_s "${agent_pid[down3]}") seed=$(cpu_s "${seeders[@]}") user=$(user_s "${agent_pid[down3]}")
  results_3+=("$(swarm_download down3)")
  cpu_3_down+=("$(per_gib "$(minus "$(cpu_s "${agent_pid[down3]}")" "$down")")")
  user_3_down+=("$(per_gib "$(minus "$(user_s "${agent_pid[down3]}")" "$user")")")
  cpu_3_seeds+=("$(per_gib "$(minus "$(cpu_s "${seeders[@]}")" "$seed")")")
  settle
  served=$(nginx_cpu_s)
  out=$(curl_download)
  read -r speed cpu user <<<"$out"
  results_curl+=("$speed"); cpu_curl+=("$(per_gib "$cpu")"); user_curl+=("$(per_gib "$user")")
  cpu_nginx_1+=("$(per_gib "$(minus "$(nginx_cpu_s)" "$served")")")
  settle
  served=$(nginx_cpu_s)
  out=$(aria_download)
  read -r speed cpu user <<<"$out"
  results_aria+=("$speed"); cpu_aria+=("$(per_gib "$cpu")"); user_aria+=("$(per_gib "$user")")
  cpu_nginx_3+=("$(per_gib "$(minus "$(nginx_cpu_s)" "$served")")")
done
rss_down=$(peak_rss_mib "${agent_pid[down3]}")
rss_seed=$(peak_rss_mib "${agent_pid[seed1]}")

swarm_1=$(median "${results_1[@]}")
swarm_3=$(median "${results_3[@]}")
curl_mbs=$(median "${results_curl[@]}")
aria_mbs=$(median "${results_aria[@]}")
ratio=$(awk -v a="$swarm_3" -v b="$aria_mbs" 'BEGIN { printf "%.2f", a / b }')
ratios_3=$(ratios "${results_3[*]}" "${results_aria[*]}")
ratios_1=$(ratios "${results_1[*]}" "${results_curl[*]}")
cpu_line() { # label, then "name" "values..." pairs as name and a space-separated list
  local line="$1:" sep=" "
  shift
  while [ $# -gt 0 ]; do
    # shellcheck disable=SC2086 # the list is space-separated on purpose
    line="$line$sep$1 $(median $2) ($2)"
    sep=", "
    shift 2
  done
  echo "$line"
}
echo "file: $size_mib MiB over loopback ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end);" \
  "MB = 10^6 bytes; median of $runs runs (each run's figure in brackets)"
echo "swarm 1->1 (1 seeding agent):   $swarm_1 MB/s  (${results_1[*]})"
echo "swarm 3->1 (3 seeding agents):  $swarm_3 MB/s  (${results_3[*]})"
echo "curl from 1 nginx:              $curl_mbs MB/s  (${results_curl[*]})"
echo "aria2c from 3 nginx:            $aria_mbs MB/s  (${results_aria[*]})"
echo "ratio of each run: swarm 3->1 / aria2c $ratios_3 (median $(median $ratios_3)); swarm 1->1 / curl $ratios_1 (median $(median $ratios_1))"
echo "CPU seconds per GiB, median (each run's):"
cpu_line "  swarm 1->1" downloader "${cpu_1_down[*]}" seeder "${cpu_1_seed[*]}"
cpu_line "  swarm 3->1" downloader "${cpu_3_down[*]}" "the three seeders" "${cpu_3_seeds[*]}"
cpu_line "  curl from 1 nginx" curl "${cpu_curl[*]}" nginx "${cpu_nginx_1[*]}"
cpu_line "  aria2c from 3 nginx" aria2c "${cpu_aria[*]}" nginx "${cpu_nginx_3[*]}"
# The kernel's share (copying into the page cache above all) swings from run to run on a virtual machine;
# user time is the program's own work and holds steady.
echo "of which user-space CPU seconds per GiB, median (each run's):"
cpu_line "  receivers" "swarm 1->1" "${user_1_down[*]}" "swarm 3->1" "${user_3_down[*]}" curl "${user_curl[*]}" \
  aria2c "${user_aria[*]}"
echo "peak RSS: downloading agent $rss_down MiB, seeding agent $rss_seed MiB"
echo "swarm 3->1 $swarm_3 MB/s, aria2c 3 sources $aria_mbs MB/s, ratio $ratio"
