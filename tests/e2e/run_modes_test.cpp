// SPDX-License-Identifier: GPL-2.0-or-later
// Every run mode with every feature: each feature works alone, and the
// combinations are what breaks. RunModes.Pair crosses the run modes
// (foreground, --background, -- COMMAND, systemd notify, --private-shm,
// --unique-name, --dbus with StartServer) with the features (--fallback on
// the test card's unplug and return, a SIGHUP reload that switches the
// driver, jack_load at runtime, [[connect]], -T, --pid-file, --stats-file, an
// extra card (--card) pulled out and plugged back, a suspend and resume
// (logind played on a system bus of the case's own), and the ends that skip the
// destructors: SIGKILL, and a lost card whose fallback cannot open either,
// which ends with _Exit).
// Each case covers several features in one mode, so that every pair of a
// mode and a feature runs at least once. After each: the exit status,
// nothing of the server in /dev/shm, nothing in the daemon's temporary folder
// (XDG_RUNTIME_DIR and TMPDIR point at a folder of the case's own), and no
// descriptor leaked (the command gets none of the daemon's: the same as the
// same command run alone; the daemon's count is the same after a driver round
// trip). RunModesAgainstJackd (-T), RunModesStopSignal and RunModesKilled run
// what jackd does too against both.
//
// A client watches throughout (test_client watch): it opens as early as the
// server takes it, and tells when the engine cycles after each driver switch,
// the period changes, its port is connected, or the server goes away. Tests
// wait on that and on each mode's readiness, never on the log.

#include "binaries.hpp"
#include "daemon.hpp"
#include "files.hpp"
#include "notify_socket.hpp"
#include "own_dev_shm.hpp"
#include "process.hpp"
#include "ready_pipe.hpp"
#include "session_bus.hpp"
#include "shm.hpp"
#include "sleeping_machine.hpp"
#include "test_card.hpp"
#include "wait.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using testing::HasSubstr;
using testing::Not;

enum class Mode { foreground, background, command, notify, private_shm, unique_name, dbus };

enum Feature : unsigned {
    fallback = 1u << 0,    // --fallback dummy on the test card: unplugged, then back
    reload = 1u << 1,      // SIGHUP: the card to dummy at another period and back
    load = 1u << 2,        // jack_load profiler at runtime, then jack_unload
    connect = 1u << 3,     // [[connect]] for the watching client's port
    temporary = 1u << 4,   // -T: ends with status 0 once the last client left
    pid_file = 1u << 5,    // --pid-file in the daemon's temporary folder
    stats_file = 1u << 6,  // --stats-file
    killed = 1u << 7,      // SIGKILL
    driver_lost = 1u << 8, // unplugged, and the fallback cannot open: _Exit(75)
    extra_card = 1u << 9,  // --card on a second test card: unplugged, then back
    suspend = 1u << 10,    // logind's PrepareForSleep: the card to dummy and back
};

struct Case {
    std::string label;
    Mode mode;
    unsigned features;
    bool has(Feature feature) const { return (features & feature) != 0; }
    bool on_card() const {
        return has(fallback) || has(reload) || has(driver_lost) || has(suspend);
    }
    // The driver comes from the config file, which a reload reads again.
    bool driver_in_file() const { return has(reload); }
    bool runs_command() const { return mode == Mode::command || mode == Mode::private_shm; }
};

// ctest names a case by its label.
void PrintTo(const Case& one, std::ostream* out) {
    *out << one.label;
}

// --- what a case leaves ---------------------------------------------------

// A new empty folder in /tmp, removed with its content at the end.
class Folder {
public:
    explicit Folder(const std::string& what) {
        std::string pattern = "/tmp/jstest-" + what + "-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("cannot make " + pattern);
        path_ = pattern;
    }
    ~Folder() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    Folder(const Folder&) = delete;
    Folder& operator=(const Folder&) = delete;
    const std::string& path() const { return path_; }
    // Its content, one name a line: "" when empty.
    std::string listing() const {
        std::string names;
        for (const auto& entry : fs::directory_iterator(path_))
            names += entry.path().filename().string() + "\n";
        return names;
    }

private:
    std::string path_;
};

std::set<std::string> dev_shm_entries() {
    std::set<std::string> names;
    std::error_code error;
    fs::recursive_directory_iterator it("/dev/shm", fs::directory_options::skip_permission_denied,
                                        error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error))
        names.insert(it->path().string());
    return names;
}

// What appeared in /dev/shm since `before`, beyond JACK's registry (which
// jackd leaves too). In a /dev/shm of this test's own, whatever appeared;
// in a shared one, only what names the server.
std::vector<std::string> left_in_dev_shm(const std::set<std::string>& before,
                                         const std::string& name) {
    if (!test::in_own_dev_shm())
        return test::jack_files_of(name);
    std::vector<std::string> left;
    for (const auto& entry : dev_shm_entries())
        if (!before.contains(entry) && entry != "/dev/shm/jack-shm-registry")
            left.push_back(entry);
    return left;
}

std::size_t descriptors_of(pid_t pid) {
    std::error_code error;
    std::size_t count = 0;
    for (fs::directory_iterator it("/proc/" + std::to_string(pid) + "/fd", error);
         !error && it != fs::directory_iterator(); it.increment(error))
        ++count;
    return count;
}

// Why this machine gives no private /dev/shm to `jack-server --private-shm`
// (which needs a mount namespace, and a user namespace when not root); empty
// when it does.
std::string namespaces_refused() {
    std::vector<std::string> probe{"unshare", "--mount", "true"};
    if (::geteuid() != 0)
        probe.insert(probe.begin() + 1, "--user");
    auto result = test::run(probe);
    return result.exit.status == 0 ? "" : "no namespace for --private-shm: " + result.errors;
}

// --- the watching client --------------------------------------------------

// test_client watch: a client that stays, and prints what it sees.
class Watcher {
public:
    Watcher(std::vector<std::string> prefix, const std::string& server)
        : process_(with(std::move(prefix)), test::client_environment(server)) {}

    // Waits until it printed `line` (a whole line).
    bool saw(const std::string& line, std::chrono::milliseconds timeout = 20s) {
        // Nothing more comes once the server went away under it.
        return test::wait_until(
                   [&] { return has_line(line) || has_line("shutdown") || !process_.running(); },
                   timeout) &&
               has_line(line);
    }
    bool has_line(const std::string& line) const {
        return ("\n" + process_.output()).find("\n" + line + "\n") != std::string::npos;
    }
    // The connections of its port it saw last.
    int connections() const {
        auto output = "\n" + process_.output();
        auto last = output.rfind("\nconnected ");
        return last == std::string::npos ? 0 : std::stoi(output.substr(last + 11));
    }
    std::string output() const { return process_.output() + process_.errors(); }
    bool running() { return process_.running(); }
    // Closes its client; exit 0 when the server never went away under it.
    std::optional<test::Exit> leave() {
        process_.signal(SIGTERM);
        return process_.wait(10s);
    }

private:
    static std::vector<std::string> with(std::vector<std::string> argv) {
        argv.insert(argv.end(), {JACK_TEST_CLIENT, "watch", "20000"});
        return argv;
    }
    test::Process process_;
};

// --- one server in one mode -----------------------------------------------

// What a command under jack-server does in the matrix: says it started, with
// the server it was given and the descriptors it has, then stays until
// SIGTERM, which it answers with status 0.
// (ls -m: one line, and no pipe, whose ends the shell would hold meanwhile.)
const std::string list_descriptors = "printf 'fds '; ls -m /proc/$$/fd";
const std::string command_script =
    "trap 'exit 0' TERM; echo \"started $$ $JACK_DEFAULT_SERVER\"; " + list_descriptors +
    "; while :; do sleep 0.05; done";

// jack-server started in a mode; the daemon's pid, its readiness, its end.
class ModeRun {
public:
    ModeRun(Mode mode, const std::string& base, const std::vector<std::string>& args,
            std::map<std::string, std::string> env)
        : mode_(mode), name_(mode == Mode::unique_name ? base + "-1" : base) {
        if (mode == Mode::notify) {
            notify_.emplace();
            env["NOTIFY_SOCKET"] = notify_->path();
        }
        if (mode == Mode::dbus) {
            bus_.emplace();
            env["DBUS_SESSION_BUS_ADDRESS"] = bus_->address();
        }
        auto command = argv(base, args); // makes the ready pipe first
        process_.emplace(command, env, inherited());
        if (ready_pipe_)
            ready_pipe_->close_write_end();
    }
    ~ModeRun() {
        // A --background daemon is this test's child (a subreaper) once its
        // parent has returned: stopped here whatever happened.
        if (adopted_ > 0 && !ended_) {
            ::kill(adopted_, SIGTERM);
            if (!wait(15s)) {
                ::kill(adopted_, SIGKILL);
                wait(5s);
            }
        }
    }

    const std::string& name() const { return name_; }
    pid_t pid() const { return adopted_ > 0 ? adopted_ : process_->pid(); }

    // The mode's own readiness: the --ready-fd line, READY=1 on the notify
    // socket, the --background parent's return with the pid, or the command
    // started (it runs once the server serves clients).
    bool wait_ready() {
        switch (mode_) {
        case Mode::foreground:
        case Mode::unique_name:
            return ready_pipe_->wait(20s);
        case Mode::notify:
            return test::wait_until([&] {
                       next_notified(10ms);
                       return was_notified("READY=1") || !process_->running();
                   }) &&
                   was_notified("READY=1");
        case Mode::background: {
            auto exit = process_->wait(30s);
            std::istringstream printed(process_->output());
            if (!exit || exit->status != 0 || !(printed >> adopted_))
                return false;
            return true;
        }
        case Mode::command:
        case Mode::private_shm:
            return test::wait_until([&] { return command_said() || !process_->running(); }) &&
                   command_said();
        case Mode::dbus:
            // The name owned, then StartServer, which answers once the
            // server serves clients.
            return test::wait_until([&] {
                       return bus_->has_owner("org.jackaudio.service") || !process_->running();
                   }) &&
                   test::run({"busctl", "--address=" + bus_->address(), "call",
                              "org.jackaudio.service", "/org/jackaudio/Controller",
                              "org.jackaudio.JackControl", "StartServer"})
                           .exit.status == 0;
        }
        return false;
    }

    // Whether the command printed its two lines: "started PID SERVER\nfds 0, 1, 2\n".
    bool command_said() const {
        auto output = process_->output();
        auto fds = output.find("\nfds ");
        return fds != std::string::npos && output.find('\n', fds + 1) != std::string::npos;
    }
    std::string command_output() const { return process_->output(); }
    // Every message on the notify socket so far.
    const std::vector<std::string>& notified() const { return notified_; }
    bool was_notified(const std::string& message) const {
        return std::find(notified_.begin(), notified_.end(), message) != notified_.end();
    }
    std::string next_notified(std::chrono::milliseconds timeout = 20s) {
        auto message = notify_->next(timeout);
        if (!message.empty())
            notified_.push_back(message);
        return message;
    }

    // A JACK client's command line for this server: in its /dev/shm.
    std::vector<std::string> client_argv(std::vector<std::string> argv) const {
        auto all = prefix();
        all.insert(all.end(), argv.begin(), argv.end());
        return all;
    }
    std::vector<std::string> prefix() const {
        if (mode_ != Mode::private_shm)
            return {};
        std::vector<std::string> enter{"nsenter", "-t", std::to_string(pid()), "-m"};
        if (::geteuid() != 0)
            enter.insert(enter.end(), {"-U", "--preserve-credentials"});
        enter.emplace_back("--");
        return enter;
    }
    test::Result client(std::vector<std::string> argv,
                        std::chrono::milliseconds timeout = 20s) const {
        return test::run(client_argv(std::move(argv)), test::client_environment(name_), timeout);
    }

    void signal(int number) const { ::kill(pid(), number); }
    bool running() { return !wait(0ms); }
    std::optional<test::Exit> wait(std::chrono::milliseconds timeout = 30s) {
        if (adopted_ <= 0)
            return process_->wait(timeout);
        if (!ended_)
            test::wait_until(
                [&] {
                    int status = 0;
                    if (::waitpid(adopted_, &status, WNOHANG) != adopted_)
                        return false;
                    ended_ = WIFEXITED(status) ? test::Exit{WEXITSTATUS(status), 0}
                                               : test::Exit{-1, WTERMSIG(status)};
                    return true;
                },
                timeout);
        return ended_;
    }
    // The daemon's log (a --background daemon writes to the stderr it was given).
    std::string log() const { return process_->errors(); }

private:
    std::vector<std::string> argv(const std::string& base, const std::vector<std::string>& args) {
        std::vector<std::string> all{test::jack_server_binary(), "-n", base};
        switch (mode_) {
        case Mode::foreground:
        case Mode::unique_name:
            ready_pipe_.emplace();
            all.insert(all.end(), {"--ready-fd", std::to_string(ready_pipe_->as())});
            if (mode_ == Mode::unique_name)
                all.emplace_back("--unique-name");
            break;
        case Mode::background:
            all.emplace_back("--background");
            break;
        case Mode::private_shm:
            all.emplace_back("--private-shm");
            break;
        case Mode::dbus:
            all.emplace_back("--dbus");
            break;
        case Mode::command:
        case Mode::notify:
            break;
        }
        all.insert(all.end(), args.begin(), args.end());
        if (mode_ == Mode::command || mode_ == Mode::private_shm)
            all.insert(all.end(), {"--", "sh", "-c", command_script});
        return all;
    }
    std::vector<test::Inherited> inherited() const {
        if (!ready_pipe_)
            return {};
        return {ready_pipe_->for_child()};
    }

    Mode mode_;
    std::string name_;
    std::optional<test::ReadyPipe> ready_pipe_;
    std::optional<test::NotifySocket> notify_;
    std::optional<test::SessionBus> bus_; // --dbus: a session bus of its own
    std::vector<std::string> notified_;
    std::optional<test::Process> process_;
    pid_t adopted_ = 0;
    std::optional<test::Exit> ended_;
};

std::string describe(const std::optional<test::Exit>& exit) {
    if (!exit)
        return "still running";
    return exit->exited() ? "status " + std::to_string(exit->status)
                          : "signal " + std::to_string(exit->signal);
}

// --- the matrix -----------------------------------------------------------

const std::vector<Case> cases = {
    {"foreground_fallback_stats", Mode::foreground, fallback | stats_file},
    {"foreground_reload_pidfile", Mode::foreground, reload | pid_file},
    {"foreground_load_connect_card", Mode::foreground, load | connect | extra_card},
    {"foreground_temporary", Mode::foreground, temporary},
    {"foreground_killed", Mode::foreground, killed},
    {"background_fallback_pidfile", Mode::background, fallback | pid_file},
    {"background_reload_stats", Mode::background, reload | stats_file},
    {"background_load_card", Mode::background, load | extra_card},
    {"background_connect_temporary", Mode::background, connect | temporary},
    {"background_killed", Mode::background, killed | pid_file},
    {"command_fallback_connect", Mode::command, fallback | connect},
    {"command_reload_stats", Mode::command, reload | stats_file},
    {"command_load_pidfile_card", Mode::command, load | pid_file | extra_card},
    {"command_temporary_card", Mode::command, temporary | extra_card},
    {"command_driverlost", Mode::command, driver_lost},
    {"notify_fallback_load", Mode::notify, fallback | load},
    {"notify_reload_connect", Mode::notify, reload | connect},
    {"notify_temporary_stats", Mode::notify, temporary | stats_file},
    {"notify_pidfile_card", Mode::notify, pid_file | extra_card},
    {"notify_driverlost", Mode::notify, driver_lost | stats_file},
    {"privateshm_fallback_pidfile", Mode::private_shm, fallback | pid_file},
    {"privateshm_reload", Mode::private_shm, reload},
    {"privateshm_load_stats_card", Mode::private_shm, load | stats_file | extra_card},
    {"privateshm_connect_temporary", Mode::private_shm, connect | temporary},
    {"privateshm_killed", Mode::private_shm, killed},
    {"uniquename_fallback", Mode::unique_name, fallback},
    {"uniquename_reload_load", Mode::unique_name, reload | load},
    {"uniquename_connect_pidfile_card", Mode::unique_name, connect | pid_file | extra_card},
    {"uniquename_temporary_stats", Mode::unique_name, temporary | stats_file},
    // --dbus: the command line seeds the parameters, StartServer runs the
    // server. Not a reload (SIGHUP is ignored: the parameters come from
    // D-Bus) nor -T (a run ends on StopServer).
    {"dbus_fallback_stats", Mode::dbus, fallback | stats_file},
    {"dbus_load_connect_pidfile", Mode::dbus, load | connect | pid_file},
    {"dbus_killed", Mode::dbus, killed},
    {"dbus_driverlost", Mode::dbus, driver_lost},
    {"foreground_suspend_card_stats", Mode::foreground, suspend | extra_card | stats_file},
    {"background_suspend_connect", Mode::background, suspend | connect},
    {"command_suspend_pidfile", Mode::command, suspend | pid_file},
    {"notify_suspend_load", Mode::notify, suspend | load},
    {"privateshm_suspend_card", Mode::private_shm, suspend | extra_card},
    {"uniquename_suspend_stats", Mode::unique_name, suspend | stats_file},
};

const std::string card_name = "rmcard";
const std::string extra_card_name = "rmextra";

std::string card_driver(int period) {
    return "[driver]\nname = \"alsa\"\ndevice = \"" + card_name +
           "\"\nperiod = " + std::to_string(period) + "\n";
}
std::string dummy_driver(int period) {
    return "[driver]\nname = \"dummy\"\nperiod = " + std::to_string(period) + "\n";
}

class RunModes : public testing::TestWithParam<Case> {
protected:
    void SetUp() override {
        if (GetParam().mode == Mode::private_shm)
            if (auto why = namespaces_refused(); !why.empty())
                GTEST_SKIP() << why;
        // A --background daemon becomes this process's child once its
        // parent returns, so that the test can wait for its exit status.
        ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
        before_ = dev_shm_entries();
        if (GetParam().on_card()) {
            SKIP_WITHOUT_TEST_CARD();
            card_.emplace(card_name);
        }
        if (GetParam().has(suspend)) {
            SKIP_WITHOUT_SLEEPING_MACHINE();
            machine_.emplace();
        }
        if (GetParam().has(extra_card)) {
            SKIP_WITHOUT_TEST_CARD();
            if (card_)
                extra_.emplace(extra_card_name, 1, *card_);
            else
                extra_.emplace(extra_card_name, 1);
        }
    }
    // Other tests of this process wait for their --background daemons to
    // be gone, which an adopted zombie never is.
    void TearDown() override { ::prctl(PR_SET_CHILD_SUBREAPER, 0); }

    const Case& the_case() const { return GetParam(); }
    // -T must count a client that came before the daemon's own: with -T the
    // daemon opens its monitor client late (slow_monitor.cpp), so that the
    // watcher, which tries from the start, comes first. In a private
    // /dev/shm it can only come once the server is ready.
    bool early_watcher() const {
        return the_case().has(temporary) && the_case().mode != Mode::private_shm;
    }
    std::string config_path() const { return work_.path() + "/jack-server.toml"; }
    std::string stats_path() const { return work_.path() + "/stats.json"; }
    std::string pid_path() const { return runtime_.path() + "/jack-server.pid"; }

    void write_config(const std::string& driver) const {
        std::string text = driver;
        if (the_case().has(connect))
            text += "[[connect]]\nfrom = \"watch-*:out\"\nto = \"system:playback_1\"\n";
        std::ofstream(config_path() + ".part") << text;
        fs::rename(config_path() + ".part", config_path());
    }

    std::vector<std::string> arguments() const {
        std::vector<std::string> args{"-r", "-p", "64"};
        if (the_case().has(fallback))
            args.insert(args.end(), {"--fallback", "dummy"});
        if (the_case().has(driver_lost))
            args.insert(args.end(), {"--fallback", "alsa:hw:99"});
        if (the_case().has(temporary))
            args.emplace_back("-T");
        if (the_case().has(extra_card))
            args.insert(args.end(), {"--card", extra_client_ + "=" + extra_card_name});
        if (the_case().has(pid_file))
            args.insert(args.end(), {"--pid-file", pid_path()});
        if (the_case().has(stats_file))
            args.insert(args.end(), {"--stats-file", stats_path()});
        if (the_case().driver_in_file() || the_case().has(connect)) {
            write_config(the_case().driver_in_file() ? card_driver(256) : "");
            args.insert(args.end(), {"--config", config_path()});
        }
        if (!the_case().driver_in_file()) {
            if (card_)
                args.insert(args.end(), {"-d", "alsa", "-d", card_name, "-p", "256"});
            else
                args.insert(args.end(), {"-d", "dummy", "-p", "256"});
        }
        return args;
    }

    std::map<std::string, std::string> environment() const {
        std::map<std::string, std::string> env{{"JACK_NO_START_SERVER", "1"},
                                               {"XDG_RUNTIME_DIR", runtime_.path()},
                                               {"TMPDIR", runtime_.path()},
                                               {"XDG_CONFIG_HOME", work_.path() + "/config"}};
        if (card_ || extra_) {
            env["HOME"] = card_ ? card_->home() : extra_->home();
            env["JACK_NO_AUDIO_RESERVATION"] = "1";
        }
        if (early_watcher())
            env["LD_PRELOAD"] = JSTEST_SLOW_MONITOR;
        if (machine_)
            env.merge(machine_->environment());
        return env;
    }

    // The daemon's descriptors come back to `before` after a round trip.
    void expect_descriptors_back(ModeRun& run, std::size_t before) {
        EXPECT_TRUE(test::wait_until([&] { return descriptors_of(run.pid()) == before; }, 5s))
            << "descriptors: " << before << " before, " << descriptors_of(run.pid()) << " after";
    }

    void fall_back_and_return(ModeRun& run, Watcher& watcher) {
        auto before = descriptors_of(run.pid());
        card_->unplug();
        // The card fails every call: cycles now come from the fallback.
        ASSERT_TRUE(watcher.saw("cycling 1")) << "no cycles on the fallback";
        card_->plug();
        // Nothing else switches the driver: this is the card again.
        ASSERT_TRUE(watcher.saw("cycling 2")) << "not back on the card";
        if (the_case().has(connect))
            EXPECT_TRUE(test::wait_until([&] { return watcher.connections() == 1; }))
                << "not connected again";
        expect_descriptors_back(run, before);
    }

    void reload_round_trip(ModeRun& run, Watcher& watcher) {
        auto before = descriptors_of(run.pid());
        write_config(dummy_driver(512));
        run.signal(SIGHUP);
        ASSERT_TRUE(watcher.saw("bufsize 512") && watcher.saw("cycling 1"))
            << "not reloaded to dummy";
        write_config(card_driver(256));
        run.signal(SIGHUP);
        ASSERT_TRUE(watcher.saw("bufsize 256") && watcher.saw("cycling 2"))
            << "not reloaded to the card";
        if (the_case().has(connect))
            EXPECT_TRUE(test::wait_until([&] { return watcher.connections() == 1; }))
                << "not connected again";
        expect_descriptors_back(run, before);
    }

    // Before the sleep the master moves to dummy (the extra card's bridge
    // ends), then the inhibitor closes; after the resume the card is back,
    // the bridge too, and a new inhibitor is held.
    void sleep_and_resume(ModeRun& run, Watcher& watcher) {
        ASSERT_TRUE(machine_->says("inhibit 1 sleep jack-server delay")) << "no inhibitor";
        if (the_case().has(extra_card))
            ASSERT_TRUE(test::wait_until([&] { return extra_ports(run); })) << "no extra card";
        auto before = descriptors_of(run.pid());
        machine_->sleep();
        ASSERT_TRUE(machine_->says("closed 1")) << "the inhibitor was not closed";
        ASSERT_TRUE(watcher.saw("cycling 1")) << "no cycles on dummy";
        if (the_case().has(extra_card))
            EXPECT_FALSE(extra_ports(run)) << "the extra card's bridge runs asleep";
        machine_->wake();
        ASSERT_TRUE(watcher.saw("cycling 2")) << "not back on the card";
        EXPECT_TRUE(machine_->says("inhibit 2 sleep jack-server delay")) << "no new inhibitor";
        if (the_case().has(extra_card))
            EXPECT_TRUE(test::wait_until([&] { return extra_ports(run); }))
                << "the extra card did not come back";
        if (the_case().has(connect))
            EXPECT_TRUE(test::wait_until([&] { return watcher.connections() == 1; }))
                << "not connected again";
        expect_descriptors_back(run, before);
    }

    // The extra card's bridge: its ports come, go with the card and come
    // back with it, and the daemon's descriptors with them.
    bool extra_ports(ModeRun& run) const {
        return run.client({"jack_lsp"}).output.find(extra_client_ + ":capture_1\n") !=
               std::string::npos;
    }
    void extra_card_round_trip(ModeRun& run) {
        ASSERT_TRUE(test::wait_until([&] { return extra_ports(run); })) << "no extra card";
        auto before = descriptors_of(run.pid());
        extra_->unplug();
        ASSERT_TRUE(test::wait_until([&] { return !extra_ports(run); })) << "not detached";
        extra_->plug();
        ASSERT_TRUE(test::wait_until([&] { return extra_ports(run); })) << "not attached again";
        expect_descriptors_back(run, before);
        if (the_case().mode == Mode::notify)
            EXPECT_TRUE(test::wait_until([&] {
                auto status = run.next_notified(100ms);
                return status.starts_with("STATUS=") &&
                       status.find(extra_client_ + " present (capture ratio ") != std::string::npos;
            })) << "no ratio of the card's in STATUS=";
    }

    void load_and_unload(ModeRun& run) {
        auto client = test::unique_client_name("rmprofiler");
        auto loaded = run.client({"jack_load", client, "profiler"});
        ASSERT_EQ(loaded.exit.status, 0) << loaded.output << loaded.errors;
        EXPECT_EQ(run.client({JACK_TEST_CLIENT, "has", client}).exit.status, 0);
        try {
            // jack_unload can hang in its own close after the unload is done.
            run.client({"jack_unload", client}, 8s);
        } catch (const std::runtime_error&) {
        }
        EXPECT_TRUE(test::wait_until([&] {
            return run.client({JACK_TEST_CLIENT, "has", client}).exit.status == 1;
        })) << "still loaded";
    }

    // -T: two clients come and go while the watcher stays; the server
    // outlives them, and ends once the watcher leaves too.
    void leave_last(ModeRun& run, Watcher& watcher) {
        for (int other = 0; other < 2; ++other) {
            auto came = run.client({JACK_TEST_CLIENT, "cycles", "5"});
            EXPECT_EQ(came.exit.status, 0) << came.output << came.errors;
        }
        EXPECT_TRUE(run.running()) << "ended while a client remained";
        auto left = watcher.leave();
        EXPECT_TRUE(left && left->status == 0) << "the watcher: " << describe(left);
    }

    void expect_leaves_nothing(ModeRun& run, const std::optional<test::Exit>& exit) {
        bool clean = exit && exit->exited() && exit->status == 0;
        if (!clean && the_case().mode != Mode::private_shm && exit) {
            // A server that ended without its stop keeps its registry entry
            // and files until one of its name starts (Restart=on-failure).
            test::expect_a_restart_serves_and_cleans_up(run.name());
        }
        EXPECT_EQ(test::describe(left_in_dev_shm(before_, run.name())), "");
        // A process killed outright removes nothing; the next jack-server to
        // start in the same place removes its plugin folder.
        if (the_case().has(killed)) {
            auto next =
                test::run({test::jack_server_binary(), "--check", "-d", "dummy"},
                          {{"XDG_RUNTIME_DIR", runtime_.path()}, {"TMPDIR", runtime_.path()}});
            EXPECT_EQ(next.exit.status, 0) << next.errors;
        }
        auto left = runtime_.listing();
        // A killed daemon cannot remove its pid file; the next start takes it.
        if (the_case().has(killed) && the_case().has(pid_file))
            if (auto at = left.find("jack-server.pid\n"); at != std::string::npos)
                left.erase(at, 16);
        EXPECT_EQ(left, "") << "left in the daemon's temporary folder";
        if (the_case().has(stats_file) && !the_case().has(killed)) {
            auto stats = nlohmann::json::parse(test::read_file(stats_path()), nullptr, false);
            ASSERT_FALSE(stats.is_discarded()) << "no stats file";
            EXPECT_EQ(stats["exit_status"], exit ? exit->status : -1);
            EXPECT_GT(stats["cycles"].get<std::uint64_t>(), 0u);
            if (the_case().has(fallback) || the_case().has(suspend))
                EXPECT_EQ(stats["on_fallback"], false);
            if (the_case().has(extra_card)) {
                ASSERT_EQ(stats["cards"].size(), 1u) << stats.dump();
                EXPECT_GE(stats["cards"][0]["attached"].get<unsigned>(), 2u) << stats.dump();
                EXPECT_TRUE(stats["cards"][0]["xruns"].is_number()) << stats.dump();
            }
        }
    }

    void expect_command_saw(ModeRun& run) {
        std::istringstream lines(run.command_output());
        std::string started, pid, server;
        lines >> started >> pid >> server;
        EXPECT_EQ(server, run.name());
        std::string fds;
        std::getline(lines, fds); // the end of the first line
        std::getline(lines, fds);
        // The same descriptors as the same lister run alone.
        auto alone = test::run({"sh", "-c", list_descriptors});
        EXPECT_EQ(fds + "\n", alone.output) << "the command got descriptors of the server";
    }

    Folder runtime_{"runtime"}, work_{"work"};
    std::optional<test::TestCard> card_, extra_;
    std::optional<test::SleepingMachine> machine_;
    std::string extra_client_ = test::unique_client_name("rmx");
    std::set<std::string> before_;
};

TEST_P(RunModes, Pair) {
    const auto& the = the_case();
    auto base = test::unique_server_name("rm-" + the.label);
    ModeRun run(the.mode, base, arguments(), environment());
    std::unique_ptr<Watcher> watcher;
    // As early as the server takes it, in every mode that lets it.
    if (the.mode != Mode::private_shm)
        watcher = std::make_unique<Watcher>(run.prefix(), run.name());
    // Says what the daemon and the watcher said, once, if anything failed.
    struct Report {
        ModeRun& run;
        std::unique_ptr<Watcher>& watcher;
        ~Report() {
            if (testing::Test::HasFailure())
                std::cerr << "the watcher said:\n"
                          << (watcher ? watcher->output() : "") << "the daemon said:\n"
                          << run.log() << "the command said:\n"
                          << run.command_output();
        }
    } report{run, watcher};
    ASSERT_TRUE(run.wait_ready()) << "not ready";
    if (!watcher)
        watcher = std::make_unique<Watcher>(run.prefix(), run.name());
    ASSERT_TRUE(watcher->saw("cycling 0")) << "the watcher saw no cycle";
    if (early_watcher())
        EXPECT_TRUE(watcher->has_line("open first")) << "the monitor came first";

    if (the.runs_command())
        expect_command_saw(run);
    if (the.has(pid_file))
        EXPECT_EQ(test::read_file(pid_path()), std::to_string(run.pid()) + "\n");
    if (the.has(connect))
        EXPECT_TRUE(test::wait_until([&] { return watcher->connections() == 1; }))
            << "not connected";
    if (the.has(load))
        load_and_unload(run);
    if (the.has(fallback))
        fall_back_and_return(run, *watcher);
    if (the.has(reload))
        reload_round_trip(run, *watcher);
    if (the.has(suspend))
        sleep_and_resume(run, *watcher);
    if (the.has(extra_card))
        extra_card_round_trip(run);

    int expected = 0;
    if (the.has(killed)) {
        run.signal(SIGKILL);
    } else if (the.has(driver_lost)) {
        // JACK closed the card's driver before the fallback failed to open.
        card_->unplug();
        expected = 75;
    } else if (the.has(temporary)) {
        leave_last(run, *watcher);
    } else {
        auto left = watcher->leave();
        EXPECT_TRUE(left && left->status == 0) << "the watcher: " << describe(left);
        // With a command, jack-server passes it on; the command exits 0.
        run.signal(SIGTERM);
    }
    auto exit = run.wait();
    ASSERT_TRUE(exit) << "still running";
    if (the.has(killed))
        EXPECT_EQ(exit->signal, SIGKILL);
    else
        EXPECT_EQ(describe(exit), describe(test::Exit{expected, 0}));
    if (the.mode == Mode::notify && expected == 0) {
        while (!run.next_notified(100ms).empty()) {
        }
        EXPECT_THAT(run.notified(), testing::Contains("STOPPING=1"));
    }
    expect_leaves_nothing(run, exit);
}

INSTANTIATE_TEST_SUITE_P(, RunModes, testing::ValuesIn(cases),
                         [](const auto& info) { return info.param.label; });

// --- against jackd --------------------------------------------------------

enum class Server { jack_server, jackd };

void PrintTo(Server server, std::ostream* out) {
    *out << (server == Server::jackd ? "jackd" : "jack_server");
}

// `jackd` or `jack-server` -n NAME -r ARGS -d dummy -p 256, with a folder of
// its own for temporary files.
class RunModesAgainstJackd : public testing::TestWithParam<Server> {
protected:
    std::unique_ptr<test::Process> start(const std::string& name,
                                         const std::vector<std::string>& args) {
        std::vector<std::string> argv{
            GetParam() == Server::jackd ? "jackd" : test::jack_server_binary(), "-n", name, "-r"};
        std::vector<test::Inherited> inherited;
        if (GetParam() == Server::jack_server) {
            ready_pipe_.emplace();
            argv.insert(argv.end(), {"--ready-fd", std::to_string(ready_pipe_->as())});
            inherited.push_back(ready_pipe_->for_child());
        }
        argv.insert(argv.end(), args.begin(), args.end());
        argv.insert(argv.end(), {"-d", "dummy", "-p", "256"});
        auto env = test::client_environment(name);
        env["XDG_RUNTIME_DIR"] = runtime_.path();
        env["TMPDIR"] = runtime_.path();
        // jack-server opens its monitor client late, after an early client
        // (see RunModes::early_watcher); jackd opens none.
        env["LD_PRELOAD"] = JSTEST_SLOW_MONITOR;
        auto server = std::make_unique<test::Process>(argv, env, inherited);
        if (ready_pipe_)
            ready_pipe_->close_write_end();
        return server;
    }
    // Ready: jack-server says so once its own clients are open; jackd has
    // none, and serves its first client at once.
    bool ready() { return !ready_pipe_ || ready_pipe_->wait(20s); }

    std::optional<test::ReadyPipe> ready_pipe_;
    Folder runtime_{"runtime"};
};

// The first client stays while two others come and go: a -T server ends
// only once the first leaves too. The first comes as early as the server
// takes it, before any client of the server's own.
TEST_P(RunModesAgainstJackd, TemporaryEndsOnlyOnceTheEarliestClientLeaves) {
    auto name = test::unique_server_name("rm-temporary");
    auto server = start(name, {"-T"});
    Watcher watcher({}, name);
    ASSERT_TRUE(watcher.saw("cycling 0")) << watcher.output() << server->errors();
    EXPECT_TRUE(watcher.has_line("open first")) << watcher.output();
    ASSERT_TRUE(ready()) << server->errors();
    for (int other = 0; other < 2; ++other) {
        auto came = test::run({JACK_TEST_CLIENT, "cycles", "5"}, test::client_environment(name));
        EXPECT_EQ(came.exit.status, 0) << came.output << came.errors;
    }
    EXPECT_TRUE(server->running()) << "ended while a client remained\n"
                                   << watcher.output() << server->errors();
    auto left = watcher.leave();
    EXPECT_TRUE(left && left->status == 0) << "the first client: " << describe(left) << "\n"
                                           << watcher.output() << server->errors();
    auto exit = server->wait();
    ASSERT_EQ(describe(exit), "status 0") << server->errors();
    EXPECT_EQ(runtime_.listing(), "");
}

// SIGINT, SIGTERM and SIGQUIT stop both with status 0, leaving nothing.
class RunModesStopSignal : public testing::TestWithParam<std::tuple<Server, int>> {};

TEST_P(RunModesStopSignal, StopsWithStatus0AndLeavesNothingAsJackd) {
    auto [kind, number] = GetParam();
    Folder runtime("runtime");
    auto before = dev_shm_entries();
    auto name = test::unique_server_name(std::string("rm-stop-") + sigabbrev_np(number));
    auto env = test::client_environment(name);
    env["XDG_RUNTIME_DIR"] = runtime.path();
    env["TMPDIR"] = runtime.path();
    test::Process server({kind == Server::jackd ? "jackd" : test::jack_server_binary(), "-n", name,
                          "-r", "-d", "dummy", "-p", "256"},
                         env);
    ASSERT_TRUE(test::wait_until([&] { return test::serving(name) || !server.running(); }) &&
                server.running())
        << server.errors();
    server.signal(number);
    auto exit = server.wait();
    EXPECT_EQ(describe(exit), "status 0") << server.errors();
    EXPECT_EQ(test::describe(left_in_dev_shm(before, name)), "");
    EXPECT_EQ(runtime.listing(), "");
}

INSTANTIATE_TEST_SUITE_P(, RunModesAgainstJackd,
                         testing::Values(Server::jack_server, Server::jackd), [](const auto& info) {
                             return std::string(info.param == Server::jackd ? "jackd"
                                                                            : "jack_server");
                         });

INSTANTIATE_TEST_SUITE_P(, RunModesStopSignal,
                         testing::Combine(testing::Values(Server::jack_server, Server::jackd),
                                          testing::Values(SIGINT, SIGTERM, SIGQUIT)),
                         [](const auto& info) {
                             return std::string(std::get<0>(info.param) == Server::jackd
                                                    ? "jackd_"
                                                    : "jack_server_") +
                                    sigabbrev_np(std::get<1>(info.param));
                         });

// What a server killed outright leaves in /dev/shm, with the server's name
// and pids made alike: jack-server leaves no more than jackd.
std::vector<std::string> left_by_a_killed(const std::string& program, const std::string& what) {
    auto before = dev_shm_entries();
    auto name = test::unique_server_name(what);
    Folder runtime("runtime"); // what jack-server leaks there is RunModes.Pair's to find
    auto env = test::client_environment(name);
    env["XDG_RUNTIME_DIR"] = runtime.path();
    env["TMPDIR"] = runtime.path();
    test::Process server({program, "-n", name, "-r", "-d", "dummy", "-p", "256"}, env);
    if (!test::wait_until([&] { return test::serving(name) || !server.running(); }) ||
        !server.running()) {
        ADD_FAILURE() << program << " never served: " << server.errors();
        return {};
    }
    server.signal(SIGKILL);
    server.wait();
    auto left = left_in_dev_shm(before, name);
    for (auto& file : left) {
        if (auto at = file.find(name); at != std::string::npos)
            file.replace(at, name.size(), "NAME");
    }
    // A server of the same name takes its entry back and cleans up.
    test::expect_a_restart_serves_and_cleans_up(name);
    return left;
}

// jack-server has one client jackd has not, its monitor, whose semaphore
// file every other client maps by name, so it cannot go before the daemon
// does: killed outright, jack-server leaves that one file more than jackd,
// which the next start of the same name removes with jackd's own.
TEST(RunModesKilled, LeavesNoMoreInDevShmThanJackdButTheMonitorsSemaphore) {
    if (!test::in_own_dev_shm())
        GTEST_SKIP() << "needs a /dev/shm of its own to see everything a server leaves";
    auto jackd = left_by_a_killed("jackd", "rm-killed-jackd");
    auto ours = left_by_a_killed(test::jack_server_binary(), "rm-killed");
    auto monitor = std::find_if(ours.begin(), ours.end(), [](const std::string& file) {
        return file.ends_with("_NAME_jack-server-monitor");
    });
    ASSERT_NE(monitor, ours.end()) << test::describe(ours);
    ours.erase(monitor);
    EXPECT_LE(ours.size(), jackd.size()) << "jack-server left:\n"
                                         << test::describe(ours) << "jackd left:\n"
                                         << test::describe(jackd);
}

} // namespace
