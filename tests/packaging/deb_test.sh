#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the .deb (as `make package` does), unpacks it with dpkg -x into a
# scratch root, runs that jack-server with the dummy driver against jack_lsp,
# and checks the control fields, the file list the README promises, and that
# lintian reports no error.
# Usage: deb_test.sh SOURCE_DIR BUILD_DIR
set -u
source_dir=$1 build_dir=$2
. "$source_dir/tests/packaging/lib.sh"
tmp=$(mktemp -d)
server=
trap '[[ -n $server ]] && kill -TERM "$server" 2>/dev/null; rm -rf "$tmp"' EXIT

cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1 ||
    { cat "$tmp/cpack.log"; fail "cpack"; finish; }
deb=$(echo "$tmp"/pkg/jack-server_*.deb)
[[ -f $deb ]] || { fail "no .deb in $tmp/pkg"; finish; }

field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == jack-server ]] || fail "Package: $(field Package)"
[[ $(field Version) == "$(sed -n 's/^  VERSION \([0-9.]*\)$/\1/p' "$source_dir/CMakeLists.txt")" ]] ||
    fail "Version: $(field Version)"
[[ $(field Architecture) == "$(dpkg --print-architecture)" ]] || fail "Architecture: $(field Architecture)"
depends=$(field Depends)
for wanted in jackd2 'libc6 (' 'libjack-jackd2-0 (' 'libstdc++6 ('; do
    [[ $depends == *"$wanted"* ]] || fail "Depends lacks $wanted: $depends"
done
dpkg-deb -e "$deb" "$tmp/control"
[[ ! -e $tmp/control/conffiles ]] || [[ -z $(grep -v '^/etc/' "$tmp/control/conffiles") ]] ||
    fail "conffiles outside /etc: $(cat "$tmp/control/conffiles")"
[[ $(cat "$tmp/control/triggers") == "activate-noawait ldconfig" ]] || fail "no ldconfig trigger"

dpkg -x "$deb" "$tmp/root"
(cd "$tmp/root" && find . \( -type f -o -type l \) | sed 's|^\.||' | sort) >"$tmp/files"
promised_files "$source_dir" deb-files >"$tmp/promised"
promised_files "$source_dir" deb-files-optional >"$tmp/optional"
[[ -s $tmp/promised && -s $tmp/optional ]] || fail "README promises no files"
compare_with_globs "$tmp/files" "$tmp/promised" "$tmp/optional"

# The library in Debian's multiarch directory, as Debian's own packages have it.
libdir=$tmp/root/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)
[[ -f $libdir/libjack_server.so.0.1 ]] || fail "no libjack_server.so.0.1 in $libdir"

# The packaged binary, on the packaged library, serving a real client.
name=deb-$$-$RANDOM
LD_LIBRARY_PATH=$libdir "$tmp/root/usr/bin/jack-server" -r -n "$name" -d dummy -p 256 \
    >"$tmp/server.log" 2>&1 &
server=$!
if wait_for_server "$name"; then
    ports=$(lsp "$name")
    [[ $ports == *system:capture_1* ]] || fail "jack_lsp shows: $ports"
else
    fail "jack_lsp never saw $name: $(cat "$tmp/server.log")"
fi
ldd_out=$(LD_LIBRARY_PATH=$libdir ldd "$tmp/root/usr/bin/jack-server")
[[ $ldd_out == *"$libdir/libjack_server.so"* ]] || fail "not the packaged library: $ldd_out"
kill -TERM "$server"
wait "$server"
status=$?
server=
((status == 0)) || fail "server exited with $status: $(cat "$tmp/server.log")"

# The packaged Python module, on the packaged library, as the system's
# python3 imports it from dist-packages.
python_dir=$tmp/root/usr/lib/python3/dist-packages
module=$(echo "$python_dir"/jack_server/_jack_server.cpython-*.so)
ldd_out=$(LD_LIBRARY_PATH=$libdir ldd "$module")
[[ $ldd_out == *"$libdir/libjack_server.so"* ]] || fail "module not on the packaged library: $ldd_out"
python=python3
[[ -x /usr/bin/python3 ]] && python=/usr/bin/python3  # Debian's, not a pyenv's first on PATH
py_out=$(cd "$tmp" && PYTHONPATH=$python_dir LD_LIBRARY_PATH=$libdir $python -c "
import jack_server
print(jack_server.__file__)
with jack_server.Server(name='$name-py', driver='dummy') as server:
    print(server)" 2>"$tmp/python.log")
[[ $py_out == "$python_dir/jack_server/__init__.py"*"<jack_server.Server driver=dummy started=True>" ]] ||
    fail "packaged Python module: $py_out $(cat "$tmp/python.log")"

# JACK_SERVER_LINTIAN=0 leaves lintian out (~6 s) when iterating on this test.
if [[ ${JACK_SERVER_LINTIAN:-1} == 1 ]]; then
    lintian "$deb" >"$tmp/lintian.log" 2>&1
    grep '^E:' "$tmp/lintian.log" && fail "lintian reports errors"
fi
finish
