// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target for the configuration-file reader (jack-server.toml(5)). The
// input is the text of a file, checked against a real libjackserver catalog.
// A bad file may only be refused with ConfigError, whose message names the
// file; any other exception, a crash or a sanitizer report is a bug. A file
// that loads must survive what --print-config promises: printed as TOML and
// loaded again it prints the same text, and printed as JSON it parses.

#include "config/config_file.hpp"
#include "config/config_print.hpp"
#include "errors.hpp"
#include "jack_server/server.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace {

const std::string source = "fuzz.toml";

[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
    std::abort();
}

// The printed text without the "# origin" comment after each value.
std::string values(const std::string& printed) {
    std::string text;
    std::size_t start = 0;
    while (start < printed.size()) {
        auto end = printed.find('\n', start);
        if (end == std::string::npos)
            end = printed.size();
        auto line = printed.substr(start, end - start);
        if (auto comment = line.rfind(" # "); comment != std::string::npos && comment > 0)
            line.erase(line.find_last_not_of(' ', comment) + 1);
        text += line + "\n";
        start = end + 1;
    }
    return text;
}

void check_round_trip(const jack_server::Config& config, const jack_server::Catalog& catalog) {
    using jack_server::ConfigFormat;
    auto printed = jack_server::print_config(config, catalog, ConfigFormat::toml);
    jack_server::Config reloaded;
    try {
        reloaded = jack_server::parse_config(printed, source, catalog);
    } catch (const jack_server::ConfigError& e) {
        fail("the printed config does not load again", std::string(e.what()) + "\n" + printed);
    }
    auto reprinted = jack_server::print_config(reloaded, catalog, ConfigFormat::toml);
    // The values must agree; their origins differ (the command line's or the
    // first file's lines, then the printed file's).
    if (values(reprinted) != values(printed))
        fail("printing the reloaded config gives other text", printed + "---\n" + reprinted);
    auto json = jack_server::print_config(config, catalog, ConfigFormat::json);
    if (!nlohmann::json::accept(json))
        fail("--print-config json is not JSON", json);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Created once: creating a catalog dlopens every JACK plugin.
    static const jack_server::Server catalog;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        auto config = jack_server::parse_config(text, source, catalog);
        // A file may leave the driver to the command line, as "-d dummy" would.
        if (config.driver.name.empty())
            config.driver.name = "dummy";
        check_round_trip(config, catalog);
    } catch (const jack_server::ConfigError& e) {
        // The refusal must point at the file, so a user can find what to fix.
        if (std::string_view(e.what()).substr(0, source.size()) != source)
            fail("ConfigError that does not name the file", e.what());
    } catch (const std::exception& e) {
        fail("unexpected exception", e.what());
    }
    return 0;
}
