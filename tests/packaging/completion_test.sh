#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Drives the shell completions for real against the built binary: bash through
# COMP_WORDS/COMP_CWORD and the completion function, fish through
# `complete -C`, zsh through its line editor in a tmux pane.
# Usage: completion_test.sh SOURCE_DIR BINARY
set -u
source_dir=$1 binary=$2
completions=$source_dir/packaging/completions
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# bash: "words..." expected-completions
bash_case() {
    local expected=$1; shift
    local got
    got=$(bash --norc --noprofile -c '
        source "$1"; shift
        complete -p jack-server >/dev/null || exit 3
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        _jack_server
        printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' _ "$completions/jack-server.bash" "$binary" "$@")
    expected=$(printf '%s\n' $expected | sort | tr '\n' ' ')
    [[ $got == "$expected" ]] || fail "bash: jack-server $* -> '$got', expected '$expected'"
}

bash_case "alsa dummy net netone proxy" -d ''
bash_case "dummy" -R -d du
bash_case "alsarawmidi loopback" -X ''
bash_case "netadapter netmanager" -I net
bash_case "h s" -c ''
bash_case "E e A a" --autoconnect ''
bash_case "--list" --li
bash_case "--doctor" --doc
bash_case "cards drivers internals options params" --list ''
# jack-server's own options complete from the options table (--list options).
bash_case "error warn info debug" --log-level ''
bash_case "json" --log-format j
bash_case "" --stall-timeout ''
# A value of the user's own: nothing offered (not the options).
bash_case "" --card ''
bash_case "" --connect ''
bash_case "alsa alsarawmidi audioadapter" --list params a
bash_case "--device --duplex --dither" -R -d alsa --d
bash_case "n r s t" -d alsa -z ''
bash_case "n r s t" -RSd alsa --dither ''
bash_case "none seq raw" -Rdalsa -X ''
bash_case "none seq raw" -dalsa -X ''
bash_case "--rate" --driver=dummy --ra
bash_case "-C --capture -P --playback -r --rate -m --monitor -p --period -w --wait --help" \
    -P 70 -d dummy -r 48000 -
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
touch "$tmp/studio.toml" "$tmp/stage.toml"
bash_case "$tmp/stage.toml $tmp/studio.toml" --config "$tmp/st"
# Every server option of --help, and nothing else, when a dash starts the word.
options=$("$binary" --help | awk '/^  -/ { n = split(substr($0, 3, 40), a, /[, ]+/); for (i = 1; i <= n; i++) if (a[i] ~ /^-/) print a[i] }' | tr '\n' ' ')
[[ $options == *" --internal-client "* && $options == *" --list "* ]] || fail "--help gave '$options'"
bash_case "$options" -

# fish: loads, and completes from the binary.
mkdir -p "$tmp/bin" && ln -s "$(realpath "$binary")" "$tmp/bin/jack-server"
# After --: a command's name, then file names, never a driver's options.
printf '#!/bin/sh\n' >"$tmp/bin/jstest-command" && chmod +x "$tmp/bin/jstest-command"
PATH="$tmp/bin:$PATH" bash_case "jstest-command" -d dummy -- jstest-comm
PATH="$tmp/bin:$PATH" bash_case "jstest-command" --config x.toml -- jstest-comm
bash_case "$tmp/stage.toml $tmp/studio.toml" -d dummy -- sh "$tmp/st"
bash_case "" -d dummy -- sh --ra
fish_command=$(PATH="$tmp/bin:$PATH" fish --no-config -c "source $completions/jack-server.fish
    complete -C 'jack-server -d dummy -- jstest-comm'" 2>&1)
[[ $(printf '%s\n' "$fish_command" | cut -f1) == jstest-command ]] || fail "fish after -- gave: $fish_command"
fish_out=$(PATH="$tmp/bin:$PATH" fish --no-config -c "source $completions/jack-server.fish
    complete -C 'jack-server -d alsa -z '; complete -C 'jack-server -X '; complete -C 'jack-server -Rd dummy --ra'
    complete -C 'jack-server -Sdalsa -X '" 2>&1)
[[ $(printf '%s\n' "$fish_out" | cut -f1 | sort | tr '\n' ' ') == "--rate alsarawmidi loopback n none r raw s seq t " ]] ||
    fail "fish gave: $fish_out"
fish_own=$(PATH="$tmp/bin:$PATH" fish --no-config -c "source $completions/jack-server.fish
    complete -C 'jack-server --log-level '" 2>&1)
[[ $(printf '%s\n' "$fish_own" | cut -f1 | sort | tr '\n' ' ') == "debug error info warn " ]] ||
    fail "fish --log-level gave: $fish_own"

# zsh: parses, autoloads as a completion function, and completes in a real
# interactive zsh (in tmux: zsh completes only inside its line editor).
zsh -n "$completions/_jack-server" || fail "zsh: syntax"
zsh_out=$(zsh -fc "fpath=($completions \$fpath); autoload -Uz compinit; compinit -u -D
    autoload +X _jack-server && whence -w _jack-server" 2>&1)
[[ $zsh_out == "_jack-server: function" ]] || fail "zsh gave: $zsh_out"

session=completion-$$-$RANDOM
screen_shows() { # waits (at most 10 s) until the screen has a line equal to $1
    local deadline=$((SECONDS + 10))
    until tmux capture-pane -p -t "$session" | sed 's/ *$//' | grep -qxF -- "$1"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.05
    done
}
zsh_case() { # zsh_case "line typed" "a line the screen must then show"
    tmux send-keys -t "$session" C-u C-l "$1" Tab
    screen_shows "$2" || fail "zsh: '$1' TAB did not show '$2': $(tmux capture-pane -p -t "$session")"
}
tmux new-session -d -s "$session" -x 200 -y 30 \
    "env -i PATH=$tmp/bin:/usr/bin:/bin HOME=$tmp TERM=xterm zsh -f -i"
trap 'tmux kill-session -t "$session" 2>/dev/null; rm -rf "$tmp"' EXIT
tmux send-keys -t "$session" "fpath=($completions \$fpath); autoload -Uz compinit; compinit -u -D; PS1='%% '; print ready" Enter
if screen_shows ready; then
    zsh_case "jack-server -X " "alsarawmidi  loopback"
    zsh_case "jack-server -c " "h  s"
    zsh_case "jack-server --log-format " "json  text"
    zsh_case "jack-server -d alsa -z " "n  r  s  t"
    zsh_case "jack-server -d dumm" "% jack-server -d dummy"
    zsh_case "jack-server -d dummy --ra" "% jack-server -d dummy --rate"
    zsh_case "jack-server -Rdalsa --dith" "% jack-server -Rdalsa --dither"
    zsh_case "jack-server -d dummy -- jstest-comm" "% jack-server -d dummy -- jstest-command"
else
    fail "zsh did not start in tmux"
fi

if ((failures)); then
    echo "$failures completion checks failed" >&2
    exit 1
fi
echo "completions: all checks passed"
