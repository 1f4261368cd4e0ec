// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

// The library's private helpers: hidden, so only the public API is exported.
#pragma GCC visibility push(hidden)

namespace jack_server::detail {

// libjackserver dlopens every plugin of its driver directory when a server
// object is created (tens of milliseconds with JACK2's set). A private folder
// holding links to only the plugins a server needs, named in JACK_DRIVER_DIR
// while jackctl_server_create2 runs, cuts that to about a millisecond.
//
// JACK_DRIVER_DIR is set only for that call: libjackserver opens a driver's
// file again by its path when the server opens, switches or adds a driver, but
// looks internal clients up through JACK_DRIVER_DIR when they load, and a
// client may ask for any installed one at runtime (jack_load netmanager). So
// the folder must exist as long as the server may open a driver.
//
// Who removes it: every process that holds the folder (its creator, and a
// child forked from it, such as the daemon of --background) holds one shared
// lock on it (flock on the folder's descriptor, shared across fork). Whoever
// lets go last, and finds the lock free, removes it: on destruction, and on
// std::quick_exit (the daemon's deadlines). A process killed outright lets go
// through the kernel; the next folder made in the same place then removes it.
class PluginFolder {
public:
    // A new folder of links to files in the runtime folder (XDG_RUNTIME_DIR,
    // else TMPDIR, else /tmp), after removing the folders there that no
    // process holds any more. Throws std::system_error when it cannot be made.
    explicit PluginFolder(const std::vector<std::filesystem::path>& files);
    ~PluginFolder();
    PluginFolder(const PluginFolder&) = delete;
    PluginFolder& operator=(const PluginFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // Stops holding the folder, and removes it when no other process holds
    // it. Idempotent; the destructor and std::quick_exit call it.
    void let_go() noexcept;

    // Where the folders are made.
    static std::filesystem::path parent();
    // The name every such folder starts with.
    static constexpr const char* prefix = "jack-server-plugins-";

private:
    std::filesystem::path path_;
    int lock_ = -1;
};

// Calls create with JACK_DRIVER_DIR naming a private folder of links to the
// plugins named (drivers as jack_NAME.so, internal clients as NAME.so), then
// restores JACK_DRIVER_DIR. Returns the folder, or nullptr, without calling
// create, when a plugin is not there (every plugin must then be loaded, so
// that messages can name what exists) or the folder cannot be made. Never
// throws but what create throws.
std::shared_ptr<const PluginFolder> with_plugins_only(const std::vector<std::string>& plugins,
                                                      const std::function<void()>& create);

// Where libjackserver looks for plugins: JACK_DRIVER_DIR, else "jack" next to
// the libjackserver this process loaded. Empty when neither can be told.
std::filesystem::path jack_plugin_dir();

} // namespace jack_server::detail

#pragma GCC visibility pop
