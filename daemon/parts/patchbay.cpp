// SPDX-License-Identifier: GPL-2.0-or-later
#include "parts/patchbay.hpp"

#include "engine/own_client.hpp"
#include "jack_server/error.hpp"
#include "log.hpp"
#include "os/event_loop.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <fmt/format.h>
#include <fnmatch.h>
#include <jack/jack.h>
#include <memory>

namespace jack_server::detail {

namespace {

struct FreePorts {
    void operator()(const char** ports) const noexcept { jack_free(ports); }
};
using Ports = std::unique_ptr<const char*, FreePorts>;

std::vector<std::string> matching(const std::string& pattern,
                                  const std::vector<std::string>& names) {
    std::vector<std::string> found;
    for (const auto& name : names)
        if (::fnmatch(pattern.c_str(), name.c_str(), 0) == 0)
            found.push_back(name);
    std::sort(found.begin(), found.end(), natural_less);
    return found;
}

} // namespace

bool natural_less(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    while (i < a.size() && j < b.size()) {
        if (digit(a[i]) && digit(b[j])) {
            auto start_a = i, start_b = j;
            while (i < a.size() && digit(a[i]))
                ++i;
            while (j < b.size() && digit(b[j]))
                ++j;
            auto number_a = a.substr(start_a, i - start_a);
            auto number_b = b.substr(start_b, j - start_b);
            number_a.erase(0, std::min(number_a.find_first_not_of('0'), number_a.size()));
            number_b.erase(0, std::min(number_b.find_first_not_of('0'), number_b.size()));
            if (number_a.size() != number_b.size())
                return number_a.size() < number_b.size();
            if (number_a != number_b)
                return number_a < number_b;
            continue;
        }
        if (a[i] != b[j])
            return a[i] < b[j];
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

std::vector<PortPair> wanted_pairs(const ConnectRule& rule, const std::vector<std::string>& outputs,
                                   const std::vector<std::string>& inputs) {
    auto sources = matching(rule.from, outputs);
    auto destinations = matching(rule.to, inputs);
    std::vector<PortPair> pairs;
    if (sources.size() == 1 || destinations.size() == 1) {
        for (const auto& source : sources)
            for (const auto& destination : destinations)
                pairs.emplace_back(source, destination);
        return pairs;
    }
    for (std::size_t i = 0; i < std::min(sources.size(), destinations.size()); ++i)
        pairs.emplace_back(sources[i], destinations[i]);
    return pairs;
}

std::string describe(const ConnectRule& rule) {
    return fmt::format("{} → {}", rule.from, rule.to);
}

Patchbay::Patchbay(const std::string& server_name, EventLoop& loop) : loop_(loop) {
    client_ = open_own_client(server_name, "jack-server-patchbay", "patchbay");
    jack_set_port_registration_callback(client_, &Patchbay::on_port, this);
    jack_set_client_registration_callback(client_, &Patchbay::on_client, this);
    activate_own_client(client_, server_name, "patchbay");
}

// JACK's notification thread: no server request may be made from here (JACK
// would wait for this very thread), so the main thread connects.
void Patchbay::on_port(jack_port_id_t, int, void* self) {
    auto& patchbay = *static_cast<Patchbay*>(self);
    patchbay.changed_.store(true);
    patchbay.loop_.wake();
}

void Patchbay::on_client(const char*, int, void* self) {
    auto& patchbay = *static_cast<Patchbay*>(self);
    patchbay.changed_.store(true);
    patchbay.loop_.wake();
}

std::vector<std::string> Patchbay::ports(unsigned long flags) const {
    std::vector<std::string> names;
    Ports found(jack_get_ports(client_, nullptr, nullptr, flags));
    for (auto** name = found.get(); name && *name; ++name) {
        std::string port(*name);
        for (const auto& [from, to] : renames_)
            if (port.starts_with(from)) {
                auto renamed = to + port.substr(from.size());
                real_names_[renamed] = port;
                port = renamed;
            }
        names.push_back(port);
    }
    return names;
}

void Patchbay::set_renames(std::vector<std::pair<std::string, std::string>> renames) {
    renames_ = std::move(renames);
    changed_.store(true);
}

std::vector<PortPair> Patchbay::wanted(const std::vector<ConnectRule>& rules,
                                       std::vector<std::string>* unmatched) const {
    auto outputs = ports(JackPortIsOutput);
    auto inputs = ports(JackPortIsInput);
    std::vector<PortPair> all;
    for (const auto& rule : rules) {
        auto pairs = wanted_pairs(rule, outputs, inputs);
        if (pairs.empty() && unmatched != nullptr)
            unmatched->push_back(describe(rule));
        all.insert(all.end(), pairs.begin(), pairs.end());
    }
    for (auto& [source, destination] : all)
        for (auto* name : {&source, &destination})
            if (auto real = real_names_.find(*name); real != real_names_.end())
                *name = real->second;
    return all;
}

void Patchbay::close() {
    if (client_ != nullptr)
        jack_client_close(client_);
    client_ = nullptr;
}

// A connection made while a client was registering its ports one by one
// (one port on a side is connected to every port of the other) is no longer
// wanted once the others came: undone, so that the rule ends with the pairs
// it would have made at once. Pairs whose ports went are only forgotten.
void Patchbay::undo_unwanted(const std::set<PortPair>& wanted_now) {
    for (auto made = made_.begin(); made != made_.end();) {
        if (wanted_now.contains(*made)) {
            ++made;
            continue;
        }
        auto* port = jack_port_by_name(client_, made->first.c_str());
        if (port != nullptr && jack_port_by_name(client_, made->second.c_str()) != nullptr &&
            jack_port_connected_to(port, made->second.c_str()) &&
            jack_disconnect(client_, made->first.c_str(), made->second.c_str()) == 0)
            log::info("disconnected {} → {}: no connect entry wants it now", made->first,
                      made->second);
        made = made_.erase(made);
    }
}

void Patchbay::set_rules(const std::vector<ConnectRule>& rules) {
    auto kept = wanted(rules, nullptr);
    std::set<PortPair> still(kept.begin(), kept.end());
    for (auto made = made_.begin(); made != made_.end();) {
        if (still.contains(*made)) {
            ++made;
            continue;
        }
        if (jack_disconnect(client_, made->first.c_str(), made->second.c_str()) == 0)
            log::info("disconnected {} → {}: no connect entry wants it", made->first, made->second);
        made = made_.erase(made);
    }
    rules_ = rules;
    failed_.clear();
    changed_.store(true);
}

void Patchbay::apply() {
    std::vector<std::string> unmatched;
    auto pairs = wanted(rules_, &unmatched);
    undo_unwanted(std::set<PortPair>(pairs.begin(), pairs.end()));
    for (const auto& [source, destination] : pairs) {
        // Asked first: JACK logs an error for a connection that exists, and
        // for a port gone since the list was read.
        auto* port = jack_port_by_name(client_, source.c_str());
        if (port == nullptr)
            continue;
        if (jack_port_connected_to(port, destination.c_str())) {
            made_.emplace(source, destination);
            continue;
        }
        int result = jack_connect(client_, source.c_str(), destination.c_str());
        if (result == 0) {
            log::info("connected {} → {}", source, destination);
            made_.emplace(source, destination);
            failed_.erase({source, destination});
        } else if (result == EEXIST) {
            made_.emplace(source, destination);
        } else if (failed_.emplace(source, destination).second) {
            // A client not yet active, or ports of two types: tried again
            // with the next change.
            log::debug("cannot connect {} → {} (JACK's error {})", source, destination, result);
        }
    }
    for (const auto& rule : unmatched)
        if (std::find(unmatched_.begin(), unmatched_.end(), rule) == unmatched_.end())
            log::debug("connect {}: no port matches yet", rule);
    unmatched_ = std::move(unmatched);
}

} // namespace jack_server::detail
