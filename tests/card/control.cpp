// SPDX-License-Identifier: GPL-2.0-or-later
// The test card's control device: no mixer elements, only the card's
// identity. JACK's alsa driver opens it to learn the card's number, which
// names the device it reserves on D-Bus (org.freedesktop.ReserveDevice1.AudioN).
#include "state.hpp"

#include <alsa/control_external.h>
#include <cerrno>
#include <cstring>

namespace test_card {
namespace {

struct Control {
    snd_ctl_ext_t ext{};
};

void close_control(snd_ctl_ext_t* ext) {
    delete static_cast<Control*>(ext->private_data);
}
int no_elements(snd_ctl_ext_t*) {
    return 0;
}
int list_nothing(snd_ctl_ext_t*, unsigned int, snd_ctl_elem_id_t*) {
    return -EINVAL;
}
snd_ctl_ext_key_t find_nothing(snd_ctl_ext_t*, const snd_ctl_elem_id_t*) {
    return SND_CTL_EXT_KEY_NOT_FOUND;
}
int no_attribute(snd_ctl_ext_t*, snd_ctl_ext_key_t, int*, unsigned int*, unsigned int*) {
    return -ENOENT;
}
int no_integer_info(snd_ctl_ext_t*, snd_ctl_ext_key_t, long*, long*, long*) {
    return -ENOENT;
}
int no_integer(snd_ctl_ext_t*, snd_ctl_ext_key_t, long*) {
    return -ENOENT;
}
int no_event(snd_ctl_ext_t*, snd_ctl_elem_id_t*, unsigned int*) {
    return -EAGAIN;
}

const snd_ctl_ext_callback_t callbacks = {
    .close = close_control,
    .elem_count = no_elements,
    .elem_list = list_nothing,
    .find_elem = find_nothing,
    .get_attribute = no_attribute,
    .get_integer_info = no_integer_info,
    .read_integer = no_integer,
    .write_integer = no_integer,
    .read_event = no_event,
};

template <std::size_t size> void copy(char (&into)[size], const char* text) {
    std::strncpy(into, text, size - 1);
}

} // namespace
} // namespace test_card

// ctl.NAME { type jstest_card  card N  state "FOLDER" }
extern "C" SND_CTL_PLUGIN_DEFINE_FUNC(jstest_card) {
    (void)root;
    test_card::State state(test_card::config_string(conf, "state"));
    if (state.unplugged())
        return -ENODEV;
    auto* control = new test_card::Control;
    auto& ext = control->ext;
    ext.version = SND_CTL_EXT_VERSION;
    ext.card_idx = int(test_card::config_integer(conf, "card", 0));
    test_card::copy(ext.id, "JstestCard");
    test_card::copy(ext.driver, "jstest_card");
    test_card::copy(ext.name, "jack-server test card");
    test_card::copy(ext.longname, "jack-server test card (ALSA external plugin)");
    test_card::copy(ext.mixername, "none");
    ext.poll_fd = -1;
    ext.callback = &test_card::callbacks;
    ext.private_data = control;
    int error = snd_ctl_ext_create(&ext, name, mode);
    if (error < 0) {
        delete control;
        return error;
    }
    *handlep = ext.handle;
    return 0;
}
extern "C" {
SND_CTL_PLUGIN_SYMBOL(jstest_card)
}
