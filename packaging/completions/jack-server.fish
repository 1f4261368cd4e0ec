# SPDX-License-Identifier: GPL-2.0-or-later
# fish completion for jack-server. Drivers, internal clients, parameters and
# their values come from the binary being completed (jack-server --list), so
# they always match the JACK plugins installed.

# The driver named on the command line so far, if any.
function __jack_server_driver
    set -l words (commandline -opc)
    set -l count (count $words)
    for i in (seq 2 $count)
        switch $words[$i]
            case -d --driver --audio-driver
                if test $i -lt $count
                    echo $words[(math $i + 1)]
                end
                return
            case '--driver=*' '--audio-driver=*'
                string replace -r '^[^=]*=' '' -- $words[$i]
                return
        end
        # Flags bundle before d (-Rd alsa, -RSdalsa), as getopt allows.
        set -l glued (string match -r -- '^-[SRrTvsmu]*d(.*)$' $words[$i])
        if test (count $glued) -eq 2
            if test -n "$glued[2]"
                echo $glued[2]
            else if test $i -lt $count
                echo $words[(math $i + 1)]
            end
            return
        end
    end
end

# Candidates for the current word.
function __jack_server_complete
    set -l words (commandline -opc)
    set -l cmd $words[1]
    set -l prev $words[-1]
    set -l cur (commandline -ct)
    # After the first --, the words are a command's: complete it as one.
    set -l separator (contains -i -- -- $words[2..])
    if test -n "$separator"
        complete -C (string join ' ' -- (string escape -- $words[(math $separator + 2)..]) "$cur")
        return
    end
    set -l driver (__jack_server_driver)
    if test -n "$driver"
        if string match -q -- '-*' $prev; and not string match -q -- '-*' $cur
            __jack_server_values $cmd $prev $driver
            return
        end
        $cmd --list params $driver 2>/dev/null | while read -l -d \t short long type default allowed description
            test "$short" != - ; and printf '%s\t%s\n' $short $description
            printf '%s\t%s\n' $long $description
        end
        echo --help
        return
    end
    switch $prev
        case -d --driver --audio-driver
            $cmd --list drivers 2>/dev/null | string match -r '^\S+(?=\tmaster$)'
        case -X --midi-driver --slave-backend
            $cmd --list drivers 2>/dev/null | string match -r '^\S+(?=\tslave$)'
        case -I --internal-client
            $cmd --list internals 2>/dev/null
        case -a --autoconnect -c --clock-source
            __jack_server_values $cmd $prev
        case --config --jackdrc -C --internal-session-file
            __fish_complete_path $cur
        case --list
            printf '%s\n' cards drivers internals options params
        case params
            if test "$words[-2]" = --list
                $cmd --list drivers 2>/dev/null | string replace -r '\t.*' ''
                $cmd --list internals 2>/dev/null
            end
        case -n --name -P --realtime-priority -t --timeout -p --port-max -L --loopback-driver --loopback --connect --card
        case '*'
            # jack-server's own options, from the options table (--list
            # options): a word's words, paths for a path, nothing for a number.
            set -l own ($cmd --list options 2>/dev/null | awk -F'\t' -v o=$prev 'o != "-" && ($1 == o || $2 == o) { print $3; print $5 }')
            switch "$own[1]"
                case word
                    string split '|' -- $own[2]
                    return
                case text
                    __fish_complete_path $cur
                    return
                case whole duration
                    return
            end
            $cmd --help 2>/dev/null | string match -r '^  -.*' | string sub -s 3 -l 40 | string match -ar -- '-[-A-Za-z]+'
    end
end

# The ALLOWED field (n|r|s|t) of option $argv[2] in `--list params [$argv[3]]`.
function __jack_server_values
    # The alsa driver's devices: the machine's cards by number and by identity
    # (--list cards): hw:N, id:ID, usb:VENDOR:PRODUCT[:SERIAL], path:BY_PATH.
    if test "$argv[3]" = alsa; and contains -- $argv[2] -d --device -P --playback -C --capture
        $argv[1] --list cards 2>/dev/null | awk -F'\t' '{
            split($1, hw, ","); print hw[1]; print "id:" $3
            if ($5 != "-") { print $5; if ($6 != "-") print $5 ":" $6 }
            if ($7 != "-") print "path:" $7 }' | sort -u
        return
    end
    $argv[1] --list params $argv[3..] 2>/dev/null | while read -l -d \t short long type default allowed description
        if contains -- $argv[2] $short $long
            string match -q -- '-' $allowed; and return
            string match -q -- '*..*' $allowed; and return
            string split '|' -- $allowed | string match -v "'*"
            return
        end
    end
end

complete -c jack-server -f -a '(__jack_server_complete)'
