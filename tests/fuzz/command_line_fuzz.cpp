// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target for the jackd command-line grammar. The input is split into
// argv words at newlines (so corpus files read as one word a line) and parsed
// against a real libjackserver catalog. A bad command line may only be refused
// with UsageError, or ConfigError when it names a file (--config, --jackdrc)
// that cannot be read or is wrong; any other exception, a crash or a sanitizer
// report is a bug. plugins_needed(), which reads the same words first, must
// not throw at all.

#include "command_line.hpp"
#include "errors.hpp"
#include "jack_server/server.hpp"
#include "usage_error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

namespace {

std::vector<std::string> split_words(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> words;
    if (size == 0)
        return words;
    std::string word;
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == '\n') {
            words.push_back(word);
            word.clear();
        } else {
            word.push_back(static_cast<char>(data[i]));
        }
    }
    words.push_back(word);
    return words;
}

// Whether the words give a file to read the setup from: --config or
// --jackdrc, also at the end of a bundle of short options ("-s-config FILE",
// which CLI11 reads as -s --config FILE).
bool names_a_file(const std::vector<std::string>& words) {
    for (const auto& word : words) {
        if (word.starts_with("--print-config"))
            continue;
        if (word.find("-config") != std::string::npos || word.find("-jackdrc") != std::string::npos)
            return true;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Created once: creating a catalog dlopens every JACK plugin.
    static const jack_server::Server catalog;
    auto words = split_words(data, size);
    try {
        // Never throws, by its contract: anything escaping aborts below.
        jack_server::cli::plugins_needed(words);
        jack_server::cli::parse_command_line(words, catalog);
    } catch (const jack_server::cli::UsageError& e) {
        // The refusal must say something the user can act on.
        if (std::string(e.what()).empty() || e.hint().empty()) {
            std::fprintf(stderr, "UsageError with an empty message or hint\n");
            std::abort();
        }
    } catch (const jack_server::ConfigError& e) {
        // A file's fault, told with the file's name.
        if (!names_a_file(words) || std::string(e.what()).empty()) {
            std::fprintf(stderr, "ConfigError without a file to blame: %s\n", e.what());
            std::abort();
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "unexpected exception: %s\n", e.what());
        std::abort();
    }
    return 0;
}
