# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion for jack-server.
# Drivers, internal clients, parameters and their values come from the
# binary being completed (jack-server --list), so they always match the
# JACK plugins installed.

# Prints the driver named on the command line before word $1 ("" when none):
# -d NAME, -dNAME, -Rd NAME, --driver NAME, --driver=NAME, --audio-driver[=]NAME.
_jack_server_driver() {
    local i word
    for ((i = 1; i < $1; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
        -d | --driver | --audio-driver)
            ((i + 1 < $1)) && printf '%s\n' "${COMP_WORDS[i + 1]}:$((i + 1))"
            return ;;
        --driver=* | --audio-driver=*)
            printf '%s\n' "${word#*=}:$i"
            return ;;
        esac
        # Flags bundle before d (-Rd alsa, -RSdalsa), as getopt allows.
        if [[ $word =~ ^-[SRrTvsmu]*d(.*)$ ]]; then
            if [[ -n ${BASH_REMATCH[1]} ]]; then
                printf '%s\n' "${BASH_REMATCH[1]}:$i"
            elif ((i + 1 < $1)); then
                printf '%s\n' "${COMP_WORDS[i + 1]}:$((i + 1))"
            fi
            return
        fi
    done
}

# The ALLOWED field (n|r|s|t) of the parameter spelled $2 in `--list params $3`,
# as words; quoted values (blanks) are left out.
_jack_server_values() {
    local cmd=$1 option=$2 short long type default allowed rest
    # The alsa driver's devices: the machine's cards by number and by identity.
    if [[ $3 == alsa && $option =~ ^(-d|--device|-P|--playback|-C|--capture)$ ]]; then
        _jack_server_cards "$cmd"
        return
    fi
    while IFS=$'\t' read -r short long type default allowed rest; do
        if [[ $option == "$short" || $option == "$long" ]]; then
            [[ $allowed == - || $allowed == *..* ]] && return
            local IFS='|' value
            for value in $allowed; do
                [[ $value == \'* ]] || printf '%s\n' "$value"
            done
            return
        fi
    done < <("$cmd" --list params ${3:+"$3"} 2>/dev/null)
}

# The machine's cards as device names (--list cards): hw:N, id:ID,
# usb:VENDOR:PRODUCT[:SERIAL], path:BY_PATH.
_jack_server_cards() {
    "$1" --list cards 2>/dev/null | awk -F'\t' '{
        split($1, hw, ","); print hw[1]; print "id:" $3
        if ($5 != "-") { print $5; if ($6 != "-") print $5 ":" $6 }
        if ($7 != "-") print "path:" $7 }' | sort -u
}

_jack_server() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local cmd=${COMP_WORDS[0]} found driver i
    cmd=${cmd/#\~/$HOME}
    COMPREPLY=()
    # After the first --, the words are a command's: its name, then its own
    # completion where bash-completion is loaded, file names otherwise.
    for ((i = 1; i < COMP_CWORD; i++)); do
        [[ ${COMP_WORDS[i]} == -- ]] || continue
        if declare -F _command_offset >/dev/null; then
            _command_offset $((i + 1))
        elif ((COMP_CWORD == i + 1)); then
            COMPREPLY=($(compgen -c -- "$cur"))
        else
            COMPREPLY=($(compgen -f -- "$cur"))
            compopt -o filenames 2>/dev/null
        fi
        return
    done
    found=$(_jack_server_driver "$COMP_CWORD")
    if [[ -n $found ]]; then
        driver=${found%:*}
        # The driver's own options, and the values of the one before the cursor.
        if [[ $prev == -* && $cur != -* ]]; then
            COMPREPLY=($(compgen -W "$(_jack_server_values "$cmd" "$prev" "$driver")" -- "$cur"))
            # Device names hold colons, which bash splits words at.
            declare -F __ltrim_colon_completions >/dev/null && __ltrim_colon_completions "$cur"
            return
        fi
        COMPREPLY=($(compgen -W "$("$cmd" --list params "$driver" 2>/dev/null | cut -f1,2 | tr '\t' '\n' | grep -v '^-$') --help" -- "$cur"))
        return
    fi
    case $prev in
    -d | --driver | --audio-driver)
        COMPREPLY=($(compgen -W "$("$cmd" --list drivers 2>/dev/null | awk -F'\t' '$2 == "master" { print $1 }')" -- "$cur"))
        return ;;
    -X | --midi-driver | --slave-backend)
        COMPREPLY=($(compgen -W "$("$cmd" --list drivers 2>/dev/null | awk -F'\t' '$2 == "slave" { print $1 }')" -- "$cur"))
        return ;;
    -I | --internal-client)
        COMPREPLY=($(compgen -W "$("$cmd" --list internals 2>/dev/null)" -- "$cur"))
        return ;;
    -a | --autoconnect | -c | --clock-source)
        COMPREPLY=($(compgen -W "$(_jack_server_values "$cmd" "$prev")" -- "$cur"))
        return ;;
    --config | --jackdrc | -C | --internal-session-file)
        COMPREPLY=($(compgen -f -- "$cur"))
        compopt -o filenames 2>/dev/null
        return ;;
    --list)
        COMPREPLY=($(compgen -W "cards drivers internals options params" -- "$cur"))
        return ;;
    params)
        if [[ ${COMP_WORDS[COMP_CWORD - 2]} == --list ]]; then
            COMPREPLY=($(compgen -W "$("$cmd" --list drivers 2>/dev/null | cut -f1) $("$cmd" --list internals 2>/dev/null)" -- "$cur"))
            return
        fi ;;
    -n | --name | -P | --realtime-priority | -t | --timeout | -p | --port-max | -L | --loopback-driver | --loopback | --connect | --card)
        return ;;
    esac
    # jack-server's own options, from the options table (--list options): a
    # word's words, file names for a path, nothing for a number or duration.
    local kind allowed
    read -r kind allowed < <("$cmd" --list options 2>/dev/null |
        awk -F'\t' -v o="$prev" 'o != "-" && ($1 == o || $2 == o) { print $3, $5 }')
    case $kind in
    word)
        COMPREPLY=($(compgen -W "${allowed//|/ }" -- "$cur"))
        return ;;
    text)
        COMPREPLY=($(compgen -f -- "$cur"))
        compopt -o filenames 2>/dev/null
        return ;;
    whole | duration)
        return ;;
    esac
    if [[ $cur == -* || -z $cur ]]; then
        # Every server option --help shows (its first column), and -d.
        COMPREPLY=($(compgen -W "$("$cmd" --help 2>/dev/null | awk '/^  -/ {
                n = split(substr($0, 3, 40), names, /[, ]+/)
                for (i = 1; i <= n; i++) if (names[i] ~ /^-/) print names[i] }')" -- "$cur"))
    fi
} && complete -F _jack_server jack-server
