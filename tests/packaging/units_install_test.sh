#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The unit and plist install rules (cmake/JackServerInstallUnits.cmake), run in
# a scratch project with placeholder files: a system unit, a template that also
# serves --user, a user unit, and a launchd plist land where systemd and
# launchd look, under the prefix given at install time; the D-Bus service file
# where no bus looks (Debian's jackd2 provides the same name).
# Usage: units_install_test.sh SOURCE_DIR
set -u
source_dir=$1
. "$source_dir/tests/packaging/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/src/packaging/systemd/user" "$tmp/src/packaging/launchd" "$tmp/src/packaging/dbus"
echo "[Unit]" >"$tmp/src/packaging/systemd/jack-server.service"
echo "[Unit]" >"$tmp/src/packaging/systemd/jack-server@.service"
echo "[Unit]" >"$tmp/src/packaging/systemd/user/jack-server-dbus.service"
echo "[D-BUS Service]" >"$tmp/src/packaging/dbus/org.jackaudio.service"
echo "<plist/>" >"$tmp/src/packaging/launchd/org.jackaudio.jack-server.plist"
cat >"$tmp/src/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(units NONE)
include(GNUInstallDirs)
list(APPEND CMAKE_MODULE_PATH "$source_dir/cmake")
set(JACK_SERVER_PACKAGING_DIR \${PROJECT_SOURCE_DIR}/packaging)
include(JackServerInstallDirs)
include(JackServerInstallUnits)
CMAKE
cmake -S "$tmp/src" -B "$tmp/build" >"$tmp/configure.log" 2>&1 || { cat "$tmp/configure.log"; fail configure; finish; }
cmake --install "$tmp/build" --prefix "$tmp/root" >/dev/null || fail install
(cd "$tmp/root" && find . -type f | sed 's|^\./||' | sort) >"$tmp/files"
# Where systemd's pkg-config says, else the fallback, relative to the prefix.
unit_dir() {
    local dir
    dir=$(pkg-config --variable="$1" systemd 2>/dev/null)
    [[ -n $dir ]] || dir=$2
    sed 's|^/usr/||; s|^/||' <<<"$dir"
}
system=$(unit_dir systemdsystemunitdir lib/systemd/system)
user=$(unit_dir systemduserunitdir lib/systemd/user)
printf '%s\n' "$system/jack-server.service" "$system/jack-server@.service" \
    "$user/jack-server@.service" "$user/jack-server-dbus.service" \
    "share/jack-server/dbus-1/services/org.jackaudio.service" \
    "share/jack-server/launchd/org.jackaudio.jack-server.plist" |
    sort >"$tmp/expected"
diff -u "$tmp/expected" "$tmp/files" || fail "installed files differ"
finish
