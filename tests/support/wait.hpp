// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>

namespace test {

using namespace std::chrono_literals;

// Polls condition until it holds or timeout passes; returns its last answer.
// Tests synchronise on conditions like this, never on fixed sleeps.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 20s);

// A server name no other test (or test process) uses, so ctest may run tests
// in parallel: "jstest-<what>-<pid>".
std::string unique_server_name(const std::string& what);

// A client name no other test process uses at the same time, "<what>-<pid>",
// for clients a test keeps running: JACK2 names a client's socket after the
// client only, so two "metro"s on two servers collide (see client_lock.hpp).
std::string unique_client_name(const std::string& what);

// The environment a JACK client tool needs to reach server `name` and never
// start a server of its own.
std::map<std::string, std::string> client_environment(const std::string& name);

// The environment of a test runner that knows of no server: a command run
// under jack-server (-- COMMAND) must get JACK_DEFAULT_SERVER from it.
std::map<std::string, std::string> unaware_environment();

} // namespace test
