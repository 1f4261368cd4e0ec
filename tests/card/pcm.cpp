// SPDX-License-Identifier: GPL-2.0-or-later
// The test card's PCM: an ALSA external (ioplug) device that plays into
// nothing and records silence, paced by a timer as a card's own clock paces
// it, so JACK's alsa driver cycles at the real rate (ALSA's `null` PCM never
// waits, and a server on it spins a core). `ppm N` in its configuration
// block sets that clock N parts per million fast (negative: slow) against
// CLOCK_MONOTONIC, as a real card's crystal is off its nominal rate: the
// card then runs at rate * (1 + N / 1e6), which a resampling bridge
// (zita-a2j) beside a master on another card has to follow.
#include "state.hpp"

#include <alsa/pcm_external.h>
#include <cerrno>
#include <cstdint>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <sys/file.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

namespace test_card {
namespace {

constexpr std::uint64_t nanoseconds_per_second = 1'000'000'000;
constexpr long million = 1'000'000;
// The timer wakes this late after each period boundary, so that a whole
// period is always there when poll returns, as with a card's interrupt.
constexpr std::uint64_t wake_margin_ns = 200'000;

struct Pcm {
    Pcm(State state, long ppm) : state(std::move(state)), ppm(ppm) {}
    snd_pcm_ioplug_t io{};
    State state;
    long ppm;       // the clock's error, parts per million (more than -1e6)
    int timer = -1; // the poll descriptor: ticks once a period
    int node = -1;  // the device node held while open, when it has one
    std::uint64_t started_ns = 0;
    snd_pcm_uframes_t position = 0; // frames played since start
    bool running = false;
};

Pcm& pcm_of(snd_pcm_ioplug_t* io) {
    return *static_cast<Pcm*>(io->private_data);
}

std::uint64_t now_ns() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return std::uint64_t(now.tv_sec) * nanoseconds_per_second + std::uint64_t(now.tv_nsec);
}

timespec span(std::uint64_t ns) {
    return {time_t(ns / nanoseconds_per_second), long(ns % nanoseconds_per_second)};
}

// The frames the card's clock counts in ns nanoseconds, and the
// nanoseconds it takes to count frames: rate * (1 + ppm / 1e6) frames a
// second. 128 bits, as ns * rate * 1e6 overflows 64 within minutes.
std::uint64_t frames_in(const Pcm& pcm, std::uint64_t ns) {
    using wide = unsigned __int128;
    return std::uint64_t(wide(ns) * pcm.io.rate * std::uint64_t(million + pcm.ppm) /
                         (wide(nanoseconds_per_second) * million));
}

// Rounded up: a timer period a nanosecond short would tick ever earlier
// against the position, ahead of it by the margin within the hour.
std::uint64_t ns_for(const Pcm& pcm, std::uint64_t frames) {
    using wide = unsigned __int128;
    wide per_second = wide(pcm.io.rate) * std::uint64_t(million + pcm.ppm);
    return std::uint64_t((wide(frames) * nanoseconds_per_second * million + per_second - 1) /
                         per_second);
}

int arm(Pcm& pcm, std::uint64_t period_ns, std::uint64_t first_ns) {
    itimerspec when{span(period_ns), span(first_ns)};
    return timerfd_settime(pcm.timer, 0, &when, nullptr) == 0 ? 0 : -errno;
}

int start(snd_pcm_ioplug_t* io) {
    auto& pcm = pcm_of(io);
    if (pcm.state.unplugged())
        return -ENODEV;
    pcm.started_ns = now_ns();
    pcm.running = true;
    auto period_ns = ns_for(pcm, io->period_size);
    return arm(pcm, period_ns, period_ns + wake_margin_ns);
}

int stop(snd_pcm_ioplug_t* io) {
    auto& pcm = pcm_of(io);
    pcm.running = false;
    return arm(pcm, 0, 0);
}

int prepare(snd_pcm_ioplug_t* io) {
    auto& pcm = pcm_of(io);
    if (pcm.state.unplugged())
        return -ENODEV;
    pcm.position = 0;
    return 0;
}

// The hardware position, from the clock; it stands still while stalled.
snd_pcm_sframes_t pointer(snd_pcm_ioplug_t* io) {
    auto& pcm = pcm_of(io);
    if (pcm.state.unplugged())
        return -ENODEV;
    if (pcm.running && !pcm.state.stalled())
        pcm.position = frames_in(pcm, now_ns() - pcm.started_ns);
    return snd_pcm_sframes_t(pcm.position % io->buffer_size);
}

snd_pcm_sframes_t transfer(snd_pcm_ioplug_t* io, const snd_pcm_channel_area_t* areas,
                           snd_pcm_uframes_t offset, snd_pcm_uframes_t size) {
    if (pcm_of(io).state.unplugged())
        return -ENODEV;
    if (io->stream == SND_PCM_STREAM_CAPTURE)
        snd_pcm_areas_silence(areas, offset, io->channels, size, io->format);
    return snd_pcm_sframes_t(size);
}

// The frames the application can move now. The kernel wakes a reader only
// once there are avail_min (a period) of them; the timer ticks once a period
// whatever the reader did, so after a late reader took two periods at once
// its next tick finds next to nothing: no wake, as with a real card. (Woken
// with nothing to read, zita-a2j hands its loop an empty interval, divides
// by its zero length, and its resampling ratio stays nan for good.)
snd_pcm_uframes_t available(const Pcm& pcm, const snd_pcm_ioplug_t* io) {
    auto played = frames_in(pcm, now_ns() - pcm.started_ns);
    if (io->stream == SND_PCM_STREAM_CAPTURE)
        return played > io->appl_ptr ? played - io->appl_ptr : 0;
    auto queued = io->appl_ptr > played ? io->appl_ptr - played : 0;
    return queued < io->buffer_size ? io->buffer_size - queued : 0;
}

// Ready once a period has passed; an unplugged card reports an error, as
// the kernel does for a disconnected one; a stalled one never gets ready.
int poll_revents(snd_pcm_ioplug_t* io, struct pollfd* descriptors, unsigned int count,
                 unsigned short* revents) {
    auto& pcm = pcm_of(io);
    std::uint64_t ticks = 0;
    bool ticked = count > 0 && (descriptors[0].revents & POLLIN) &&
                  ::read(pcm.timer, &ticks, sizeof ticks) == sizeof ticks;
    if (pcm.state.unplugged())
        *revents = POLLERR;
    else if (ticked && !pcm.state.stalled() && available(pcm, io) >= io->period_size)
        *revents = io->stream == SND_PCM_STREAM_PLAYBACK ? POLLOUT : POLLIN;
    else
        *revents = 0;
    return 0;
}

int close_pcm(snd_pcm_ioplug_t* io) {
    auto* pcm = &pcm_of(io);
    ::close(pcm->timer);
    if (pcm->node >= 0)
        ::close(pcm->node);
    delete pcm;
    return 0;
}

const snd_pcm_ioplug_callback_t callbacks = {
    .start = start,
    .stop = stop,
    .pointer = pointer,
    .transfer = transfer,
    .close = close_pcm,
    .prepare = prepare,
    .poll_revents = poll_revents,
};

// What the card offers, from its configuration block; by default what a
// plain USB card offers: interleaved or not, mmap or read/write, 16 or 32
// bit, any common rate, 2 to 64 periods. A test narrows it to make JACK's
// settings fail for real: `mmap 0` offers read/write access only (as the
// Raspberry Pi's onboard audio), `rate_min`/`rate_max` bound the rate,
// `period_max` the period in frames (of JACK's 32-bit samples).
struct Offer {
    bool mmap = true;
    unsigned rate_min = 8000, rate_max = 192000;
    unsigned period_max = 0; // 0: up to 1 MB a period
};

Offer offer_of(snd_config_t* conf) {
    Offer offer;
    offer.mmap = config_integer(conf, "mmap", 1) != 0;
    offer.rate_min = unsigned(config_integer(conf, "rate_min", offer.rate_min));
    offer.rate_max = unsigned(config_integer(conf, "rate_max", offer.rate_max));
    offer.period_max = unsigned(config_integer(conf, "period_max", 0));
    return offer;
}

int offer_hardware_parameters(snd_pcm_ioplug_t* io, unsigned int channels, const Offer& offer) {
    static const unsigned int accesses[] = {
        SND_PCM_ACCESS_RW_INTERLEAVED, SND_PCM_ACCESS_RW_NONINTERLEAVED,
        SND_PCM_ACCESS_MMAP_INTERLEAVED, SND_PCM_ACCESS_MMAP_NONINTERLEAVED};
    static const unsigned int formats[] = {SND_PCM_FORMAT_S32_LE, SND_PCM_FORMAT_S16_LE};
    unsigned period_bytes_max = offer.period_max ? offer.period_max * 4 * channels : 1 << 20;
    int error = 0;
    if ((error = snd_pcm_ioplug_set_param_list(io, SND_PCM_IOPLUG_HW_ACCESS, offer.mmap ? 4 : 2,
                                               accesses)) < 0 ||
        (error = snd_pcm_ioplug_set_param_list(io, SND_PCM_IOPLUG_HW_FORMAT, 2, formats)) < 0 ||
        (error = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_CHANNELS, channels,
                                                 channels)) < 0 ||
        (error = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_RATE, offer.rate_min,
                                                 offer.rate_max)) < 0 ||
        (error = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_PERIODS, 2, 64)) < 0 ||
        (error = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_PERIOD_BYTES, 64,
                                                 period_bytes_max)) < 0 ||
        (error =
             snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_BUFFER_BYTES, 128, 4 << 20)) < 0)
        return error;
    return 0;
}

// `node "/dev/snd/pcmC0D0"`: the card holds NODEp (playback) or NODEc
// (capture) while open, exclusively, as the kernel's PCM devices are held:
// a second open of the stream fails with EBUSY, and the holder's descriptor
// names the node in /proc/PID/fd. Returns the descriptor, or -errno.
int hold_node(const std::string& node, snd_pcm_stream_t stream) {
    if (node.empty())
        return -1;
    auto path = node + (stream == SND_PCM_STREAM_PLAYBACK ? "p" : "c");
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
        return -errno;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        errno = EBUSY; // what JACK's alsa driver reads, as after the kernel's open
        return -EBUSY;
    }
    return fd;
}

} // namespace
} // namespace test_card

// pcm.NAME { type jstest_card  state "FOLDER"  channels 2  [mmap 0] [rate_min N]
//            [rate_max N] [period_max FRAMES] [node "/dev/snd/pcmC0D0"] [ppm N] }
extern "C" SND_PCM_PLUGIN_DEFINE_FUNC(jstest_card) {
    (void)root;
    test_card::State state(test_card::config_string(conf, "state"));
    if (state.unplugged())
        return -ENODEV;
    auto channels = test_card::config_integer(conf, "channels", 2);
    auto ppm = test_card::config_integer(conf, "ppm", 0);
    if (ppm <= -test_card::million || ppm >= test_card::million) {
        SNDERR("jstest_card: ppm %ld: expected more than -1000000 and less than 1000000", ppm);
        return -EINVAL;
    }
    int node = test_card::hold_node(test_card::config_string(conf, "node"), stream);
    if (node < -1)
        return node;
    auto* pcm = new test_card::Pcm(std::move(state), ppm);
    pcm->node = node;
    pcm->timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (pcm->timer < 0) {
        int error = -errno;
        if (node >= 0)
            ::close(node);
        delete pcm;
        return error;
    }
    pcm->io.version = SND_PCM_IOPLUG_VERSION;
    pcm->io.name = "jack-server test card";
    pcm->io.flags = SND_PCM_IOPLUG_FLAG_MONOTONIC;
    pcm->io.poll_fd = pcm->timer;
    pcm->io.poll_events = POLLIN;
    pcm->io.callback = &test_card::callbacks;
    pcm->io.private_data = pcm;
    int error = snd_pcm_ioplug_create(&pcm->io, name, stream, mode);
    if (error < 0) {
        ::close(pcm->timer);
        if (node >= 0)
            ::close(node);
        delete pcm;
        return error;
    }
    error = test_card::offer_hardware_parameters(&pcm->io, unsigned(channels),
                                                 test_card::offer_of(conf));
    if (error < 0) {
        snd_pcm_ioplug_delete(&pcm->io); // closes: frees pcm
        return error;
    }
    *pcmp = pcm->io.pcm;
    return 0;
}
extern "C" {
SND_PCM_PLUGIN_SYMBOL(jstest_card)
}
