// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <functional>
#include <string_view>

namespace jack_server {

// Receives one message of libjackserver's output, without a trailing newline.
// It may be called from any of JACK's threads.
using OutputFunction = std::function<void(std::string_view message)>;

// Where libjackserver's informational messages go. nullptr silences them.
// Until this is called they go to stderr, as JACK does by default.
// An output function may call set_info_function or set_error_function (even
// to replace itself). Called from outside any output function, these return
// once no call of the replaced function is still running, so what it used
// may then be destroyed.
void set_info_function(OutputFunction function);

// Where libjackserver's error messages go. nullptr silences them.
void set_error_function(OutputFunction function);

// Called when the master driver's thread has stopped on a device error: a
// card unplugged, a device JACK gave up waiting for (JACK logs
// "JackAudioDriver::ProcessAsync: read error, stopping..."). The engine runs
// no cycle after that until the master driver is switched or the server
// stops. The message is the device's own reason, such as
// 'ALSA: prepare error for playback on "hw:1" (No such device)'. Called from
// JACK's driver thread, whatever the error function is (even nullptr).
void set_driver_failure_function(OutputFunction function);

} // namespace jack_server
