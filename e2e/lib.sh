# Shared by the end-to-end scripts (sourced, not run). The caller sets `work` (its temporary folder),
# `P2P` (bin/p2p), `passed=0 failed=0`, `pids=()`, and may set RUN_TIMEOUT (seconds per command).

# Agents are started by `p2p login`, detached; their pids are in each folder's .p2p/agent.json.
agent_pid() { sed -n 's/.*"pid"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$1/.p2p/agent.json" 2>/dev/null; }
remember_agent() { local pid; pid="$(agent_pid "$1")"; [ -n "$pid" ] && pids+=("$pid"); }
# A process runs when it exists and is no zombie (a detached agent that exited stays a zombie where
# init never reaps orphans, as in some containers).
alive() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && [ "$(sed 's/.*) //' "/proc/$1/stat" | cut -c1)" != Z ]; }
gone() { [ -n "$1" ] && ! alive "$1"; }
# stop_started: TERM every pid in `pids`, then KILL what is still running after 10 s.
stop_started() {
  local pid
  for pid in ${pids[@]+"${pids[@]}"}; do kill "$pid" 2>/dev/null; done
  for pid in ${pids[@]+"${pids[@]}"}; do
    for _ in $(seq 50); do alive "$pid" || break; sleep 0.2; done
    alive "$pid" && kill -9 "$pid" 2>/dev/null
  done
}

# run DIR ARGS...: runs bin/p2p in DIR; sets OUT, ERR and RC.
run() {
  local dir="$1"; shift
  OUT="$(cd "$dir" && timeout "${RUN_TIMEOUT:-180}" "$P2P" "$@" 2>"$work/stderr")"
  RC=$?
  ERR="$(cat "$work/stderr")"
}
pass() { passed=$((passed + 1)); echo "  ok    $1"; }
fail() {
  failed=$((failed + 1))
  echo "  FAIL  $1"
  echo "        exit $RC; stdout: $(printf '%s' "$OUT" | head -c 600)"
  echo "        stderr: $(printf '%s' "$ERR" | head -c 600)"
}
# out_has TEXT DESCRIPTION: the last command's stdout contains TEXT
out_has() { if [ "$RC" -eq 0 ] && grep -qF -- "$1" <<<"$OUT"; then pass "$2"; else fail "$2 (expected stdout to contain '$1')"; fi; }
# err_has TEXT DESCRIPTION: the last command succeeded and its stderr contains TEXT
err_has() { if [ "$RC" -eq 0 ] && grep -qF -- "$1" <<<"$ERR"; then pass "$2"; else fail "$2 (expected stderr to contain '$1')"; fi; }
# check DESCRIPTION COMMAND...: the command succeeds
check() { local what="$1"; shift; if "$@"; then pass "$what"; else RC="-" OUT="" ERR=""; fail "$what"; fi; }
sha() { sha256sum "$1" 2>/dev/null | cut -d' ' -f1; }
