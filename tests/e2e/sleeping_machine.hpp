// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "process.hpp"
#include "system_bus.hpp"
#include "wait.hpp"

#include <csignal>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

namespace test {

// A machine that may sleep: a system bus of its own and logind on it, played
// by fake_logind (tests/clients) with logind's own interface. Give
// environment() to the server. Built only with libsystemd (JACK_FAKE_LOGIND).
struct SleepingMachine {
    SystemBus bus;
    std::unique_ptr<Process> logind;

    // Why no machine can be made here, if so.
    static std::optional<std::string> unavailable() {
#ifndef JACK_FAKE_LOGIND
        return "built without libsystemd: no suspend watch, no fake logind";
#else
        return SystemBus::unavailable();
#endif
    }

    SleepingMachine() {
#ifdef JACK_FAKE_LOGIND
        logind =
            std::make_unique<Process>(std::vector<std::string>{JACK_FAKE_LOGIND}, environment());
        if (!wait_until([&] { return said("ready"); }))
            throw std::runtime_error("fake_logind did not start: " + logind->errors());
#endif
    }
    std::map<std::string, std::string> environment() const {
        return {{"DBUS_SYSTEM_BUS_ADDRESS", bus.address()}};
    }
    // Whether logind printed that line (fake_logind.cpp: "inhibit N ...",
    // "closed N").
    bool said(const std::string& line) const {
        return logind->output().find(line + "\n") != std::string::npos;
    }
    bool says(const std::string& line) const {
        return wait_until([&] { return said(line); });
    }
    void sleep() const {
        logind->signal(SIGUSR1);
    } // PrepareForSleep(true)
    void wake() const {
        logind->signal(SIGUSR2);
    } // PrepareForSleep(false)
};

} // namespace test

#define SKIP_WITHOUT_SLEEPING_MACHINE()                                                            \
    if (auto why_not = test::SleepingMachine::unavailable())                                       \
    GTEST_SKIP() << *why_not
