// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/errors.hpp"
#include "jack_server/error.hpp"

#include <string>

namespace jack_server {

// A file the daemon must write (its pid file, its stats file) cannot be
// written; the message names the file and the system's reason.
class FileError : public Error {
public:
    using Error::Error;
};

// --dbus: the session bus cannot be reached, or org.jackaudio.service is
// owned by another process (jackdbus); the message names it. Exit 69.
class BusUnavailable : public Error {
public:
    using Error::Error;
};

} // namespace jack_server
