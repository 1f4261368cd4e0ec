// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "dbus/settings_file.hpp"

#include <string>
#include <vector>

namespace jack_server::detail {

// The parameters jackdbus saved in its conf.xml (what QjackCtl or Cadence
// set through it): <jack><engine><option name="N">V</option>...</engine>
// <drivers><driver name="D"><option .../></driver></drivers>
// <internals><internal name="I"><option .../></internal></internals></jack>.
// Throws ConfigError naming the file and line when it is not well-formed XML;
// elements it does not know are skipped, as jackdbus skips them.
std::vector<SavedSetting> read_jackdbus_settings(const std::string& path);

} // namespace jack_server::detail
