#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# What --private-shm is for, in figures: JOBS (default 16) CI jobs at once on
# this machine, each `jack-server ... -r -d dummy -- JOB` where every JOB runs
# JACK's jack_lsp (client "lsp") and a python3-jack-client client
# ("jstest-same") that registers two ports and connects them, all at the same
# moment, ROUNDS (default 20) times:
#   - with --private-shm, all jobs with the same server name, as root and as
#     nobody: every job must pass;
#   - without it (all in one /dev/shm, as jobs share the machine's), each job
#     with a server name of its own, JOBS at once and then 8 at once (within
#     JACK's registry of 8 servers): the failures are counted, by cause.
# Then the cost: the median wall time of `jack-server --private-shm -r -d dummy
# -- true` against the same without the option (BENCH_RUNS, default 20).
# Exits 0 when every private job passed and the jobs without the option failed
# at least once (what the option claims to fix), otherwise 1.
# A failed job's output is kept in BUILD_DIR/private-shm-*.log.
# Usage: private_shm.sh BUILD_DIR [ROUNDS]   (as root: nobody's runs need it)
set -u
build_dir=$(realpath "$1") rounds=${2:-20}
jobs=${JOBS:-16} runs=${BENCH_RUNS:-20}
server="$build_dir/jack-server"
if ((EUID != 0)); then
    echo "private_shm.sh: needs root, to run jobs as nobody and in a /dev/shm of the script's own" >&2
    exit 2
fi
# The jobs without the option share one /dev/shm, a private one standing in
# for the machine's: a full registry or a SIGBUS there disturbs nobody else.
if [[ ${PRIVATE_SHM_BENCH_INSIDE:-} != 1 ]]; then
    exec env PRIVATE_SHM_BENCH_INSIDE=1 unshare -m bash -c \
        'mount -t tmpfs tmpfs /dev/shm && exec "$0" "$@"' "$0" "$@"
fi

work=$(mktemp -d /tmp/jack-server-private-shm-bench.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
cat >"$work/client.py" <<'EOF'
import jack, sys, time
client = jack.Client("jstest-same", no_start_server=True)
if client.name != "jstest-same":
    sys.exit("renamed to " + client.name)
inport = client.inports.register("in")
outport = client.outports.register("out")
client.activate()
client.connect(outport, inport)
client.connect("system:capture_1", inport)
# A connection shows once the engine has run a cycle with it.
deadline = time.monotonic() + 10
while True:
    got = sorted(port.name for port in client.get_all_connections(inport))
    if got == ["jstest-same:out", "system:capture_1"]:
        break
    if time.monotonic() > deadline:
        sys.exit("connections: " + " ".join(got))
    time.sleep(0.01)
client.deactivate()
client.close()
EOF
# A job: says it is there, waits for the start (all servers up, or 5 s), then
# runs both clients. Exit 8: jack_lsp failed; 7: the Python client failed.
cat >"$work/job.sh" <<'EOF'
#!/bin/sh
round=$1
touch "$round/arrived.$$"
tries=0
while [ ! -e "$round/go" ] && [ $tries -lt 600 ]; do sleep 0.01; tries=$((tries + 1)); done
jack_lsp | grep -qx system:playback_1 || exit 8
/usr/bin/python3 "$(dirname "$0")/client.py" || exit 7
EOF
chmod 755 "$work/job.sh" "$work/client.py"

as_user() { # USER COMMAND...
    local user=$1
    shift
    if [[ $user == root ]]; then "$@"; else setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; fi
}

# One round: count JOBS at once; prints one status a job. mode: private or shared.
round() { # MODE USER COUNT N
    local mode=$1 user=$2 count=$3 n=$4 dir="$work/round-$1-$2-$3-$4" pids=() i status
    mkdir "$dir" && chmod 1777 "$dir"
    for ((i = 0; i < count; i++)); do
        if [[ $mode == private ]]; then
            args=(--private-shm -n ci -r -d dummy)
        else
            args=(-n "ci-$i" -r -d dummy)
        fi
        as_user "$user" env JACK_NO_START_SERVER=1 "$server" "${args[@]}" -- "$work/job.sh" "$dir" \
            >"$dir/out.$i" 2>&1 &
        pids+=($!)
    done
    # The start: once every job is there, or 5 s (a job whose server failed never comes).
    for ((i = 0; i < 500; i++)); do
        (($(find "$dir" -name 'arrived.*' | wc -l) >= count)) && break
        sleep 0.01
    done
    touch "$dir/go"
    for ((i = 0; i < count; i++)); do
        wait "${pids[i]}"
        status=$?
        echo $status
        # A failure's log, for its cause: BUILD_DIR/private-shm-MODE-USER-COUNT-ROUND-JOB.log
        ((status == 0)) || cp "$dir/out.$i" "$build_dir/private-shm-$mode-$user-$count-$n-$i.log"
    done
}

cause() {
    case $1 in
    0) echo passed ;;
    8) echo "jack_lsp failed" ;;
    7) echo "python client failed" ;;
    69) echo "server did not start (69)" ;;
    *) echo "status $1" ;;
    esac
}

failures_without=0 failures_with=0
run_variant() { # MODE USER COUNT
    local mode=$1 user=$2 count=$3 n status
    declare -A tally=()
    local passed=0 total=0
    for ((n = 1; n <= rounds; n++)); do
        while read -r status; do
            total=$((total + 1))
            ((status == 0)) && passed=$((passed + 1))
            tally[$(cause "$status")]=$((${tally[$(cause "$status")]:-0} + 1))
        done < <(round "$mode" "$user" "$count" "$n")
    done
    local detail="" key
    for key in "${!tally[@]}"; do
        [[ $key == passed ]] || detail+="; $key: ${tally[$key]}"
    done
    local what="--private-shm, one server name"
    [[ $mode == shared ]] && what="without --private-shm, a server name each"
    printf '%-46s %-6s %2d at once: %3d of %3d jobs passed%s\n' "$what" "$user" "$count" \
        "$passed" "$total" "$detail"
    if [[ $mode == private ]]; then
        failures_with=$((failures_with + total - passed))
    else
        failures_without=$((failures_without + total - passed))
    fi
}

echo "private_shm: $rounds rounds of $jobs jobs at once ($(nproc) cores)"
run_variant private root "$jobs"
run_variant private nobody "$jobs"
run_variant shared root "$jobs"
run_variant shared root 8

wall_ms() { # USER ARGS...: the wall time of jack-server ARGS -- true, in ms
    local user=$1 start end
    shift
    start=$EPOCHREALTIME
    as_user "$user" "$server" "$@" -- true 2>/dev/null || { echo failed; return; }
    end=$EPOCHREALTIME
    awk -v start="$start" -v end="$end" 'BEGIN { print (end - start) * 1000 }'
}
median() {
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] }'
}
# Alternately, so that the machine's load weighs on both alike.
for user in root nobody; do
    without=() with=()
    for ((i = 0; i < runs; i++)); do
        without+=("$(wall_ms "$user" -n "bench-$user" -r -d dummy)")
        with+=("$(wall_ms "$user" --private-shm -n "bench-$user" -r -d dummy)")
    done
    echo "wall time of jack-server -r -d dummy -- true, $user: $(median "${without[@]}") ms;" \
        "with --private-shm: $(median "${with[@]}") ms (medians of $runs, run alternately)"
    # What the namespace itself takes, as jack-server's debug log times it.
    setup=()
    for ((i = 0; i < runs; i++)); do
        setup+=("$(as_user "$user" "$server" --log-level debug --private-shm -n "bench-$user" -r \
            -d dummy -- true 2>&1 | sed -n 's/.*a private \/dev\/shm.* in \([0-9.]*\) ms$/\1/p')")
    done
    echo "making the private /dev/shm, $user: $(median "${setup[@]}") ms (median of $runs)"
done

if ((failures_with == 0 && failures_without > 0)); then
    echo "private_shm: every job with --private-shm passed; without it $failures_without failed"
    exit 0
fi
echo "private_shm: $failures_with jobs with --private-shm failed; $failures_without without it"
exit 1
