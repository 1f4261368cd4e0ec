# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by the packaging tests: failures counted, a JACK server checked with
# jack_lsp (lsp), waits with deadlines.
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
finish() {
    if ((failures)); then
        echo "$failures checks failed" >&2
        exit 1
    fi
    echo "all checks passed"
}
# Runs jack_lsp against server $1, holding the lock the C++ tests hold around
# JACK's tools (tests/support/client_lock.hpp): every jack_lsp opens a client
# named "lsp", and two opening at once on two servers take each other's socket.
lsp() {
    JACK_DEFAULT_SERVER=$1 JACK_NO_START_SERVER=1 flock /tmp/jack-server-tests-client.lock jack_lsp
}
# Succeeds once `jack_lsp` sees the server $1 (at most 10 s).
wait_for_server() {
    local deadline=$((SECONDS + 10))
    until lsp "$1" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.05
    done
}
# Every line of file $1 must match a glob of file $2 or $3, and every glob of
# $2 a line ($3 lists files installed only once the sources have them).
compare_with_globs() {
    local files=$1 globs=$2 optional=$3 file glob matched
    while read -r file; do
        matched=0
        while read -r glob; do [[ $file == $glob ]] && matched=1 && break; done < <(cat "$globs" "$optional")
        ((matched)) || fail "installed but not promised: $file"
    done <"$files"
    while read -r glob; do
        matched=0
        while read -r file; do [[ $file == $glob ]] && matched=1 && break; done <"$files"
        ((matched)) || fail "promised but not installed: $glob"
    done <"$globs"
}
# The file list the README promises, between its deb-files markers ($2:
# "deb-files" or "deb-files-optional").
promised_files() {
    sed -n "/<!-- $2 -->/,/<!-- \/$2 -->/p" "$1/README.md" | grep '^/'
}
