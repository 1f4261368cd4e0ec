// SPDX-License-Identifier: GPL-2.0-or-later
#include "doctor_report.hpp"

#include "exit_status.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

namespace jack_server::cli {

namespace {

using detail::Finding;

std::string_view level_name(Finding::Level level) {
    switch (level) {
    case Finding::Level::ok:
        return "ok";
    case Finding::Level::warning:
        return "warning";
    case Finding::Level::failure:
        return "failure";
    }
    return "ok";
}

} // namespace

int print_doctor(std::ostream& out, const detail::Findings& findings, bool json) {
    bool starts = detail::could_start(findings);
    if (json) {
        nlohmann::ordered_json report;
        report["could_start"] = starts;
        report["findings"] = nlohmann::ordered_json::array();
        for (const auto& finding : findings)
            report["findings"].push_back(
                {{"topic", finding.topic},
                 {"ok", finding.level == Finding::Level::ok},
                 {"level", level_name(finding.level)},
                 {"said", finding.said},
                 {"fix", finding.fix.empty() ? nlohmann::ordered_json(nullptr)
                                             : nlohmann::ordered_json(finding.fix)}});
        out << report.dump(2) << "\n";
    } else {
        for (const auto& finding : findings) {
            fmt::print(out, "{} {}: {}\n", finding.level == Finding::Level::ok ? "✓" : "✗",
                       finding.topic, finding.said);
            if (!finding.fix.empty())
                fmt::print(out, "  fix: {}\n", finding.fix);
        }
        auto failures = std::count_if(findings.begin(), findings.end(), [](const Finding& f) {
            return f.level == Finding::Level::failure;
        });
        if (starts)
            fmt::print(out, "a server could start with these options\n");
        else
            fmt::print(out, "a server would not start: {} finding{} above to fix\n", failures,
                       failures == 1 ? "" : "s");
    }
    return starts ? exit_ok : exit_assertion_failed;
}

bool asks_for(const std::vector<std::string>& words, const std::string& option) {
    auto end = std::find(words.begin(), words.end(), "--");
    return std::find(words.begin(), end, option) != end;
}

} // namespace jack_server::cli
