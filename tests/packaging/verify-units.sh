#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# systemd-analyze verify on the units, with ExecStart pointing at the built
# binary (verify checks that the command exists) and the template instantiated.
# Usage: verify-units.sh SOURCE_DIR JACK_SERVER_BINARY
set -eu
source_dir=$1
binary=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for unit in jack-server.service jack-server@.service user/jack-server-dbus.service; do
    sed "s|/usr/bin/jack-server|$binary|" "$source_dir/packaging/systemd/$unit" \
        >"$work/$(basename "$unit")"
done
cp "$work/jack-server@.service" "$work/jack-server@studio.service"
output=$(systemd-analyze verify --man=no "$work/jack-server.service" \
    "$work/jack-server@studio.service" 2>&1) || { echo "$output"; exit 1; }
# The user unit as a user manager reads it (dbus.socket is a user unit there);
# the user manager wants a runtime folder.
mkdir -p "$work/run"
user_output=$(XDG_RUNTIME_DIR=$work/run systemd-analyze --user verify --man=no \
    "$work/jack-server-dbus.service" 2>&1) || { echo "$user_output"; exit 1; }
output="$output
$user_output"
# verify exits 0 on some warnings; treat any line about our units as a failure.
if printf '%s\n' "$output" | grep -q 'jack-server'; then
    echo "$output"
    exit 1
fi
echo "units verified"
