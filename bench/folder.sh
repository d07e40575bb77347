#!/usr/bin/env bash
# Folder throughput over loopback: prints numbers, asserts nothing.
#   A tree of BENCH_FILES files (default 10,000) of 1-200 KiB (about 1 GiB) in nested folders, shared by
#   3 seeding agents and downloaded by 1 agent, beside `rsync -a` pulling the same tree from an rsync
#   daemon on 127.0.0.1, in the same run; plus the time the first seeder takes to hash the tree (sharing)
#   beside `sha256sum` over the same files.
# Ends with: folder 3->1 <MB/s> MB/s, rsync <MB/s> MB/s, ratio <x>
# Copies are set aside, not deleted, until the end (about 1 GiB of disk each): ext4 without a journal skips the
# inodes of files deleted in the last minute one by one when it makes new files near them, so 10,000 files
# deleted just before a transfer would slow whichever program makes its files where they were.
# Everything listens on 127.0.0.1 only; every wait is bounded; everything started here is stopped.
# Settings: BENCH_FILES (default 10000), BENCH_RUNS (default 3), BENCH_WARMUP_ROUNDS (default 2),
# BENCH_SETTLE seconds between transfers (default 5), BENCH_DIR (default a fresh folder under /tmp),
# BENCH_AGENT_JAVA_OPTS (JVM options of the agents, default the CLI's: -Xmx128m).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files="${BENCH_FILES:-10000}"
runs="${BENCH_RUNS:-3}"
warm_rounds="${BENCH_WARMUP_ROUNDS:-2}"
settle_s="${BENCH_SETTLE:-5}"
agent_opts=(${BENCH_AGENT_JAVA_OPTS:--Xmx128m})
limit=900          # seconds any single transfer or hashing may take
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
say() { echo "bench: $*" >&2; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }


source "$repo/bench/agents.sh"
need_tools rsync:rsync jq:jq curl:curl

# ---- the tree ----
tree="$work/files/tree"
say "writing $files files of 1-200 KiB in nested folders"
python3 - "$tree" "$files" <<'PY'
import os, random, sys
root, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(42)
for i in range(count):
    folder = os.path.join(root, "d%02d" % (i % 10), "e%02d" % (i // 10 % 10), "f%d" % (i // 1000))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "file %05d.bin" % i), "wb") as out:
        out.write(os.urandom(rng.randint(1024, 200 * 1024)))
PY
chmod -R a+rX "$work/files"
bytes=$(du -sb --apparent-size "$tree" | awk '{ print $1 }')
mb() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }

# ---- tracker and agents ----
start_tracker 120
make_group bench seed1 seed2 seed3 down
start_agents seed1 seed2 seed3 down

share() { # user: returns once the tree is hashed and shared
  control "$1" POST /control/shares "{\"path\":\"$tree\",\"group\":\"bench\"}" >/dev/null
}

sync
say "sha256sum over the tree, then the first seeder hashes and shares it"
start=$(now)
(cd "$tree" && find . -type f -print0 | xargs -0 sha256sum > /dev/null)
sha_s=$(since "$start")
start=$(now)
share seed1
share_s=$(since "$start")
share seed2
share seed3

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/${agent_pid[$1]}/stat"; }
peak_rss_mib() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# set_aside dir...: moves earlier copies out of the way (deleted at the end, see above)
set_aside() {
  local dir
  mkdir -p "$work/aside"
  for dir in "$@"; do [ ! -e "$dir" ] || mv "$dir" "$(mktemp -d "$work/aside/copy.XXXXXX")/"; done
}

folder_download() { # -> seconds
  local dest="$work/down/dest" id start state
  set_aside "$dest"
  mkdir -p "$dest"
  start=$(now)
  id=$(control down POST /control/downloads \
    "{\"group\":\"bench\",\"fileName\":\"tree\",\"dest\":\"$dest\",\"seed\":false}" | jq -r .id)
  state=$(python3 - "${control_url[down]}/control/downloads/$id" "${secret[down]}" "$limit" <<'PY'
import json, sys, time, urllib.request
url, secret, deadline = sys.argv[1], sys.argv[2], time.monotonic() + float(sys.argv[3])
request = urllib.request.Request(url, headers={"Authorization": "Bearer " + secret})
while time.monotonic() < deadline:
    state = json.load(urllib.request.urlopen(request, timeout=30))["state"]
    if state in ("COMPLETE", "FAILED"):
        print(state)
        sys.exit(0)
    time.sleep(0.01)
print("TIMEOUT")
PY
)
  since "$start"
  [ "$state" = COMPLETE ] || { say "download ended $state: $(control down GET "/control/downloads/$id")"; exit 1; }
  diff -r "$dest/tree" "$tree" >/dev/null || { say "downloaded tree differs!"; exit 1; }
  control down DELETE "/control/downloads/$id" >/dev/null 2>&1 || true
}

# ---- rsync daemon on loopback ----
rsync_port=$(free_port)
mkdir -p "$work/rsync"
{
  echo "pid file = $work/rsync/rsyncd.pid"
  echo "use chroot = no"
  [ "$(id -u)" -ne 0 ] || printf 'uid = root\ngid = root\n'
  echo "[tree]"
  echo "  path = $tree"
  echo "  read only = yes"
} > "$work/rsync/rsyncd.conf"
rsync --daemon --no-detach --address=127.0.0.1 --port="$rsync_port" --config="$work/rsync/rsyncd.conf" \
  --log-file="$work/rsync/rsyncd.log" &
pids+=($!)
for _ in $(seq 1 100); do rsync "rsync://127.0.0.1:$rsync_port/" >/dev/null 2>&1 && break; sleep 0.1; done
rsync_download() { # -> seconds
  local dest="$work/rsync/dest" start
  set_aside "$dest"
  start=$(now)
  timeout "$limit" rsync -a "rsync://127.0.0.1:$rsync_port/tree/" "$dest/"
  since "$start"
  diff -r "$dest" "$tree" >/dev/null || { say "rsync's tree differs!"; exit 1; }
}

say "warming the agents up: $warm_rounds downloads of the tree"
for _ in $(seq 1 "$warm_rounds"); do folder_download >/dev/null; done

hz=$(getconf CLK_TCK)
cpu_down=0; cpu_seeds=0
times_p2p=(); times_rsync=()
for run in $(seq 1 "$runs"); do
  say "run $run of $runs: folder 3->1, then rsync"
  set_aside "$work/down/dest" "$work/rsync/dest"; sync; sleep "$settle_s"
  before=($(cpu_ticks down) $(( $(cpu_ticks seed1) + $(cpu_ticks seed2) + $(cpu_ticks seed3) )))
  times_p2p+=("$(folder_download)")
  after=($(cpu_ticks down) $(( $(cpu_ticks seed1) + $(cpu_ticks seed2) + $(cpu_ticks seed3) )))
  cpu_down=$(( cpu_down + after[0] - before[0] ))
  cpu_seeds=$(( cpu_seeds + after[1] - before[1] ))
  set_aside "$work/down/dest"; sync; sleep "$settle_s"
  times_rsync+=("$(rsync_download)")
done
rm -rf "$work/aside"
rss_down=$(peak_rss_mib "${agent_pid[down]}")
gib=$(awk -v b="$bytes" 'BEGIN { print b / 1073741824 }')
per_gib() { awk -v t="$1" -v n="$runs" -v hz="$hz" -v g="$gib" 'BEGIN { printf "%.1f", t / hz / n / g }'; }
p2p_s=$(median "${times_p2p[@]}")
rsync_s=$(median "${times_rsync[@]}")
p2p_mbs=$(mb "$p2p_s")
rsync_mbs=$(mb "$rsync_s")
ratio=$(awk -v a="$p2p_mbs" -v b="$rsync_mbs" 'BEGIN { printf "%.2f", a / b }')
runs_mbs() { local t out=(); for t in "$@"; do out+=("$(mb "$t")"); done; echo "${out[*]}"; }
echo "tree: $files files, $bytes bytes in nested folders, over loopback ($(nproc) cores); MB = 10^6 bytes; median of $runs runs (each run's figure in brackets)"
echo "sharing (hashing) the tree: ${share_s}s; sha256sum over it: ${sha_s}s; ratio $(awk -v a="$share_s" -v b="$sha_s" 'BEGIN { printf "%.2f", a / b }')"
echo "folder 3->1: $p2p_mbs MB/s, $(awk -v n="$files" -v s="$p2p_s" 'BEGIN { printf "%.0f", n / s }') files/s  ($(runs_mbs "${times_p2p[@]}"))"
echo "rsync -a from a daemon: $rsync_mbs MB/s, $(awk -v n="$files" -v s="$rsync_s" 'BEGIN { printf "%.0f", n / s }') files/s  ($(runs_mbs "${times_rsync[@]}"))"
echo "downloading agent: peak RSS $rss_down MiB, CPU $(per_gib "$cpu_down") s per GiB; the three seeders $(per_gib "$cpu_seeds") s per GiB"
echo "folder 3->1 $p2p_mbs MB/s, rsync $rsync_mbs MB/s, ratio $ratio"
