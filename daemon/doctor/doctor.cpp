// SPDX-License-Identifier: GPL-2.0-or-later
#include "doctor/doctor.hpp"

#include "cards/bus_names.hpp"
#include "cards/card_tree.hpp"
#include "config/fallback_choice.hpp"
#include "config/validate.hpp"
#include "doctor/device_checks.hpp"
#include "doctor/machine_checks.hpp"
#include "jack_server/server.hpp"

#include <cstdlib>
#include <unistd.h>

namespace jack_server::detail {

namespace {

// The value the server would run with: the Config's, else libjackserver's default.
template <typename T>
T server_setting(const Server& server, const Config& config, const std::string& name) {
    auto given = config.server.find(name);
    return std::get<T>(given != config.server.end() ? given->second.value
                                                    : server.params().at(name).value());
}

// jackd's default name: JACK_DEFAULT_SERVER, else "default".
std::string server_name(const Server& server, const Config& config) {
    if (config.server.contains("name"))
        return server_setting<std::string>(server, config, "name");
    const char* fromenv = std::getenv("JACK_DEFAULT_SERVER");
    return fromenv && *fromenv ? fromenv : server_setting<std::string>(server, config, "name");
}

void append(Findings& to, Findings more) {
    to.insert(to.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

// What needs no server: limits at their defaults, groups, shm, registry,
// desktop, cards.
Findings machine(bool realtime, int priority, std::uint32_t port_max, const std::string& name,
                 bool opens_cards, const std::vector<Card>& cards, const BusNames& bus) {
    Findings findings;
    auto realtime_finding = check_realtime(realtime, priority);
    bool refused = realtime_finding.level != Finding::Level::ok;
    findings.push_back(std::move(realtime_finding));
    findings.push_back(check_memory_lock(realtime, port_max));
    findings.push_back(check_groups(refused));
    findings.push_back(check_shm(port_max));
    append(findings, check_registry(name));
    findings.push_back(check_desktop(opens_cards));
    append(findings, check_cards(cards, bus, opens_cards));
    return findings;
}

// --fallback alsa:DEVICE is opened only when the card is lost: what would
// fail then is a warning now.
Findings check_fallback(const Config& config, const std::vector<Card>& cards, const BusNames& bus,
                        EngineTiming timing) {
    if (!config.daemon.fallback)
        return {};
    auto fallback = FallbackChoice::parse(*config.daemon.fallback);
    if (fallback.driver != "alsa")
        return {};
    PluginConfig driver{"alsa", {}};
    if (fallback.device)
        driver.params["device"] = Setting{*fallback.device, "--fallback"};
    auto findings = check_alsa_devices(driver, cards, bus, timing.rate, timing.period);
    for (auto& finding : findings) {
        finding.topic = "fallback " + finding.topic;
        if (finding.level == Finding::Level::failure) {
            finding.level = Finding::Level::warning;
            finding.said += "; the fallback would fail when the card is lost";
        }
    }
    return findings;
}

// --private-shm as a user other than root runs in a user namespace, where
// only RLIMIT_RTPRIO reaches the scheduler: a realtime server refused there
// does not start (69), where elsewhere it runs without realtime.
void refuse_without_realtime_in_private_shm(Findings& findings, const Config& config) {
    if (!config.daemon.private_shm || ::geteuid() == 0)
        return;
    for (auto& finding : findings)
        if (finding.topic == "realtime" && finding.level == Finding::Level::warning) {
            finding.level = Finding::Level::failure;
            finding.said += "; with --private-shm a server refused realtime does not start";
        }
}

} // namespace

Findings examine(const Server& server, const Config& config) {
    Findings findings{check_library(server)};
    auto cards = read_cards({});
    add_holders(cards, {});
    BusNames bus;
    bool alsa = config.driver.name == "alsa";
    append(findings, machine(server_setting<bool>(server, config, "realtime"),
                             server_setting<std::int32_t>(server, config, "realtime-priority"),
                             server_setting<std::uint32_t>(server, config, "port-max"),
                             server_name(server, config), alsa, cards, bus));
    refuse_without_realtime_in_private_shm(findings, config);
    auto timing = engine_timing(config, server);
    if (alsa)
        append(findings, check_alsa_devices(config.driver, cards, bus, timing.rate, timing.period));
    append(findings, check_fallback(config, cards, bus, timing));
    return findings;
}

Findings examine_without_library(const std::string& refusal) {
    Findings findings{{"libjackserver", Finding::Level::failure, refusal,
                       "install JACK2's libjackserver (Debian: libjack-jackd2-0) and let the "
                       "loader find it first (check LD_LIBRARY_PATH, and pw-jack)"}};
    auto cards = read_cards({});
    add_holders(cards, {});
    BusNames bus;
    // JACK2's defaults: realtime at priority 10, 2048 ports, the name "default".
    append(findings, machine(true, 10, 2048, "default", false, cards, bus));
    return findings;
}

} // namespace jack_server::detail
