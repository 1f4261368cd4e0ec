// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace jack_server {

// The base of every error the library throws. Its message is a whole sentence
// fragment a person can read ("driver 'dummy' has no parameter 'device'"); the
// hint, when there is one, says what to do about it.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, std::string hint = {})
        : std::runtime_error(message), hint_(std::move(hint)) {}
    const std::string& hint() const { return hint_; }

private:
    std::string hint_;
};

// The libjackserver this process loaded cannot run a server at all: it offers
// no server parameters. PipeWire's libjackserver is such a stub (every call
// logs "not implemented"); LD_LIBRARY_PATH or pw-jack puts it first. Thrown by
// Server's constructors; the message names the library file and what to do.
class LibraryError : public Error {
public:
    using Error::Error;
};

// No driver of that name is among libjackserver's plugins.
class DriverNotFoundError : public Error {
public:
    using Error::Error;
};

// jackctl_server_open failed: the device is busy or missing, the name is in use, ...
class ServerNotOpenedError : public Error {
public:
    using Error::Error;
};

// jackctl_server_start failed after a successful open.
class ServerNotStartedError : public Error {
public:
    using Error::Error;
};

// A parameter does not exist, or a value does not fit its type or constraints.
class ParameterError : public Error {
public:
    using Error::Error;
};

} // namespace jack_server
