// SPDX-License-Identifier: GPL-2.0-or-later
// A build without expat cannot read jackdbus's conf.xml: it is not imported.
#include "dbus/jackdbus_settings.hpp"
#include "log.hpp"

namespace jack_server::detail {

std::vector<SavedSetting> read_jackdbus_settings(const std::string& path) {
    log::info("{} not read: this jack-server was built without expat", path);
    return {};
}

} // namespace jack_server::detail
