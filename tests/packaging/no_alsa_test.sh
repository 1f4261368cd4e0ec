#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# A build with JACK_SERVER_ALSA=OFF holds nothing of ALSA: no binary or
# library of it needs libasound, directly or through another library (ldd),
# none names it for a dlopen, and every source was compiled with the include
# folder that shadows ALSA's headers (cmake/JackServerNoAlsa.cmake), so none
# included one.
# Usage: no_alsa_test.sh BUILD_DIR FILE...
set -eu
build_dir=$1
shift
failed=0
for file in "$@"; do
    if readelf -d "$file" | grep -i 'NEEDED.*asound'; then
        echo "$file: needs libasound (readelf -d)"
        failed=1
    fi
    if ldd "$file" | grep -i asound; then
        echo "$file: loads libasound through a library it needs (ldd)"
        failed=1
    fi
    if grep -q 'libasound' "$file"; then
        echo "$file: names libasound (a dlopen)"
        failed=1
    fi
done
commands=$build_dir/compile_commands.json
sources=$(grep -c '"file":' "$commands" || true)
shadowed=$(grep '"command":' "$commands" | grep -c -- "-I$build_dir/no-alsa-include" || true)
if [ "$sources" -eq 0 ] || [ "$sources" -ne "$shadowed" ]; then
    echo "$commands: $shadowed of $sources sources compiled with $build_dir/no-alsa-include first"
    failed=1
fi
for header in alsa/asoundlib.h alsa/pcm_external.h; do
    if [ -e "/usr/include/$header" ] && ! grep -q "#error" "$build_dir/no-alsa-include/$header" 2>/dev/null; then
        echo "$build_dir/no-alsa-include/$header: does not shadow ALSA's"
        failed=1
    fi
done
[ "$failed" -eq 0 ] && echo "nothing of ALSA in $*"
exit "$failed"
