# A tracker and agents on loopback for the bench/ scripts (sourced, not run). The script sets repo,
# agent_opts (the agents' JVM options), limit (seconds any control call may take) and say() first.
# Sourcing builds the tracker and agent jars when they are missing, makes the scratch folder $work
# (BENCH_DIR, else a fresh one, removed at the end) and stops everything started here on exit.

# need_tools command:package...: installs (apt-get) the Debian packages of the commands not found.
need_tools() {
  local pair packages=() sudo_cmd=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || [ -x "/usr/sbin/${pair%%:*}" ] || [ -x "/usr/bin/${pair%%:*}" ] \
      || packages+=("${pair#*:}")
  done
  [ ${#packages[@]} -gt 0 ] || return 0
  say "installing ${packages[*]}"
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  timeout 300 "${sudo_cmd[@]}" apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive timeout 600 "${sudo_cmd[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
}

# ---- jars ----
tracker_jar="$repo/tracker-service/target/tracker-service.jar"
agent_jar="$repo/peer-agent/target/peer-agent.jar"
if [ ! -f "$tracker_jar" ] || [ ! -f "$agent_jar" ]; then
  say "building the tracker and agent jars"
  (cd "$repo" && mvn -B -q -pl tracker-service,peer-agent -am package -DskipTests)
fi

# ---- scratch folder and cleanup ----
work="${BENCH_DIR:-$(mktemp -d /tmp/p2p-bench.XXXXXX)}"
mkdir -p "$work/jars"
chmod 755 "$work"
# Private copies: a rebuild in the repository must not pull classes from under the running programs.
cp "$tracker_jar" "$agent_jar" "$work/jars/"
tracker_jar="$work/jars/$(basename "$tracker_jar")"
agent_jar="$work/jars/$(basename "$agent_jar")"
source "$repo/e2e/loopback.sh"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  [ -n "${BENCH_DIR:-}" ] || rm -rf "$work"
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

start_tracker() { # seconds it may take to start: sets tracker
  local tracker_port
  tracker_port=$(free_port)
  tracker="http://127.0.0.1:$tracker_port"
  java -jar "$tracker_jar" --server.port="$tracker_port" --server.address=127.0.0.1 \
    --p2p.tracker.data-dir="$work/tracker-data" > "$work/tracker.log" 2>&1 &
  pids+=($!)
  wait_http "$tracker/actuator/health" "$1"
}

api() { # method path token [json]
  local args=(-sS -f --max-time 30 -X "$1" "$tracker$2" -H 'Content-Type: application/json')
  [ -z "$3" ] || args+=(-H "Authorization: Bearer $3")
  [ -z "${4:-}" ] || args+=(-d "$4")
  curl "${args[@]}"
}

declare -A token agent_pid control_url secret
# group owner member...: users bench-<name>, logged in (token[name], $work/<name>/.p2p/session.json);
# the owner makes the public group, the members join it.
make_group() {
  local group="$1" owner="$2" user session home
  for user in "${@:2}"; do
    api POST /api/users "" "{\"username\":\"bench-$user\",\"password\":\"bench-password\"}" >/dev/null
    session=$(api POST /api/sessions "" "{\"username\":\"bench-$user\",\"password\":\"bench-password\"}")
    token[$user]=$(jq -r .token <<<"$session")
    home="$work/$user/.p2p"
    mkdir -p "$home"
    jq -n --arg u "bench-$user" --arg t "$tracker" --argjson s "$session" \
      '{username: $u, trackers: [$t], token: $s.token, expiresAt: $s.expiresAt}' > "$home/session.json"
  done
  api POST /api/groups "${token[$owner]}" "{\"name\":\"$group\",\"private\":false}" >/dev/null
  for user in "${@:3}"; do api POST "/api/groups/$group/join-requests" "${token[$user]}" >/dev/null; done
}

start_agent() { # user
  local home="$work/$1/.p2p"
  java "${agent_opts[@]}" -jar "$agent_jar" --p2p.agent.home="$home" --p2p.agent.chunk-address=127.0.0.1 \
    --spring.config.additional-location="optional:file:$repo/application.yml" > "$work/$1.out" 2>&1 &
  pids+=($!)
  agent_pid[$1]=$!
}

start_agents() { # user...: started together, then each awaited (control_url[user], secret[user])
  local user home
  for user in "$@"; do start_agent "$user"; done
  for user in "$@"; do
    home="$work/$user/.p2p"
    for _ in $(seq 1 600); do [ -s "$home/agent.json" ] && break; sleep 0.1; done
    [ -s "$home/agent.json" ] || { say "agent $user did not start; see $work/$user.out"; exit 1; }
    control_url[$user]=$(jq -r .controlUrl "$home/agent.json")
    secret[$user]=$(cat "$home/agent.secret")
  done
}

control() { # user method path [json]
  local args=(-sS -f --max-time "$limit" -X "$2" "${control_url[$1]}$3" -H "Authorization: Bearer ${secret[$1]}"
    -H 'Content-Type: application/json')
  [ -z "${4:-}" ] || args+=(-d "$4")
  curl "${args[@]}"
}
