#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The test suite run again and again with the machine kept busy: ROUNDS runs
# of `ctest -j4` (the packaging tests left out) beside two busy loops, each in
# a private /dev/shm, so that races between tests running side by side show.
# Prints one line per round and a tally; exits 1 when any round failed, with
# that round's log kept in BUILD_DIR/stress-N.log.
# Usage: stress.sh BUILD_DIR ROUNDS   (as root: unshare and mount need it)
set -u
build_dir=$1 rounds=$2
if ((EUID != 0)); then
    echo "stress.sh: needs root, for a private /dev/shm per round (unshare -m)" >&2
    exit 2
fi
failed=0
for ((round = 1; round <= rounds; round++)); do
    log="$build_dir/stress-$round.log"
    unshare -m bash -c '
        mount -t tmpfs tmpfs /dev/shm || exit 2
        for _ in 1 2; do (while :; do :; done) & done
        ctest --test-dir "$1" -j4 -E packaging --output-on-failure >"$2" 2>&1
        status=$?
        kill $(jobs -p)
        exit $status' stress "$build_dir" "$log"
    if (($? == 0)); then
        echo "round $round: all passed"
        rm -f "$log"
    else
        failed=$((failed + 1))
        echo "round $round: failed: $(grep -E '\(Failed\)|\(Timeout\)' "$log" | sed 's/^[[:space:]]*//' | tr '\n' ' ')"
    fi
done
echo "stress: $((rounds - failed)) of $rounds rounds passed"
((failed == 0))
