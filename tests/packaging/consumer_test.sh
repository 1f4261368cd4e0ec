#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs the project into a scratch prefix, builds tests/consumer against it
# with find_package(jack_server), runs it: it starts a dummy server through the
# library, jack_lsp sees the server's ports, then it stops the server.
# Usage: consumer_test.sh SOURCE_DIR BUILD_DIR [CXXFLAGS]
# CXXFLAGS: the project's own (a sanitizer build's consumer needs the sanitizer).
set -u
source_dir=$1 build_dir=$2 cxxflags=${3:-}
. "$source_dir/tests/packaging/lib.sh"
tmp=$(mktemp -d)
trap 'exec 3>&-; rm -rf "$tmp"' EXIT

cmake --install "$build_dir" --prefix "$tmp/prefix" >/dev/null || { fail "install"; finish; }
# The installed headers name no JACK header or type: a program needs only them.
leaks=$(grep -rlE '#include <jack/|jackctl_(server|driver|internal|parameter)([^_a-z]|$)' "$tmp/prefix/include") && fail "JACK in public headers: $leaks"
cmake -S "$source_dir/tests/consumer" -B "$tmp/build" -DCMAKE_PREFIX_PATH="$tmp/prefix" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS="$cxxflags" >"$tmp/configure.log" 2>&1 || { cat "$tmp/configure.log"; fail "configure"; finish; }
cmake --build "$tmp/build" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; fail "build"; finish; }

# The pkg-config file, relocated with the prefix.
pc_dir=$(dirname "$(find "$tmp/prefix" -name jack-server.pc)")
flags=$(PKG_CONFIG_PATH=$pc_dir pkg-config --cflags --libs jack-server)
[[ $flags == "-I$tmp/prefix/"*" -L$tmp/prefix/"*" -ljack_server " ]] || fail "pkg-config gives: $flags"
c++ -std=c++20 $cxxflags -o "$tmp/consumer-pc" "$source_dir/tests/consumer/main.cpp" $flags 2>"$tmp/pc.log" ||
    fail "building with pkg-config's flags: $(cat "$tmp/pc.log")"
[[ $(PKG_CONFIG_PATH=$pc_dir pkg-config --modversion jack-server) == "$(sed -n 's/^  VERSION \([0-9.]*\)$/\1/p' "$source_dir/CMakeLists.txt")" ]] ||
    fail "pkg-config --modversion"

name=consumer-$$-$RANDOM
mkfifo "$tmp/in"
"$tmp/build/consumer" "$name" <"$tmp/in" >"$tmp/out" 2>"$tmp/err" &
pid=$!
exec 3>"$tmp/in"
if wait_for_server "$name"; then
    ports=$(lsp "$name")
    [[ $ports == *system:playback_1* ]] || fail "jack_lsp shows: $ports"
else
    fail "jack_lsp never saw server $name"
fi
exec 3>&-
wait "$pid" || fail "consumer exited with $?: $(cat "$tmp/err")"
grep -q "^started $name with jack-server .* 44100$" "$tmp/out" || fail "consumer said: $(cat "$tmp/out")"
grep -q "^stopped 0$" "$tmp/out" || fail "consumer said: $(cat "$tmp/out")"
lsp "$name" >/dev/null 2>&1 && fail "server still running"
finish
