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
// object is created (tens of milliseconds with JACK2's set). A private
// directory holding links to only the plugins a server needs, named in
// JACK_DRIVER_DIR while jackctl_server_create2 runs, cuts that to about a
// millisecond.
//
// JACK_DRIVER_DIR is set only for that call: libjackserver opens a driver's
// file again by its path when the server opens, but looks internal clients up
// through JACK_DRIVER_DIR when they load, and a client may ask for any
// installed one at runtime (jack_load netmanager). The directory itself must
// outlive the server: the returned owner removes it.

// Calls create with JACK_DRIVER_DIR naming a private directory of links to the
// plugins named (drivers as jack_NAME.so, internal clients as NAME.so), then
// restores JACK_DRIVER_DIR. Returns the directory's owner, or nullptr, without
// calling create, when a plugin is not there (every plugin must then be loaded,
// so that messages can name what exists) or the directory cannot be made.
// Never throws but what create throws.
std::shared_ptr<const std::filesystem::path>
with_plugins_only(const std::vector<std::string>& plugins, const std::function<void()>& create);

// Where libjackserver looks for plugins: JACK_DRIVER_DIR, else "jack" next to
// the libjackserver this process loaded. Empty when neither can be told.
std::filesystem::path jack_plugin_dir();

} // namespace jack_server::detail

#pragma GCC visibility pop
