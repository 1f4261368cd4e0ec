#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace jack_server::cli {

// libjackserver dlopens every plugin of its driver directory when a server
// object is created (tens of milliseconds with JACK2's set). A private
// directory holding links to only the plugins a command line names, with
// JACK_DRIVER_DIR pointing at it, cuts that to about a millisecond.
//
// The directory must outlive the Server created while it was set: JACK opens
// a driver's file again by path at open. Destroying it restores
// JACK_DRIVER_DIR and removes the directory.
//
// A server made this way knows only those plugins, so it is used only for a
// setup given wholly on the command line: with --config or --jackdrc, where a
// reload (SIGHUP) may name any driver, the full catalog is loaded.
class PluginDir {
public:
    // Links the plugins named (drivers as jack_NAME.so, internal clients as
    // NAME.so) from JACK's plugin directory. std::nullopt when one of them is
    // not there (then the full catalog must answer) or the directory cannot be
    // made. Never throws.
    static std::optional<PluginDir> create(const std::vector<std::string>& plugins);

    PluginDir(PluginDir&& other) noexcept;
    PluginDir& operator=(PluginDir&&) = delete;
    PluginDir(const PluginDir&) = delete;
    ~PluginDir();

    const std::filesystem::path& path() const { return path_; }

private:
    PluginDir(std::filesystem::path path, std::optional<std::string> previous);

    std::filesystem::path path_;
    std::optional<std::string> previous_; // JACK_DRIVER_DIR before
};

// Where libjackserver looks for plugins: JACK_DRIVER_DIR, else "jack" next to
// the libjackserver this process loaded. Empty when neither can be told.
std::filesystem::path jack_plugin_dir();

} // namespace jack_server::cli
