// SPDX-License-Identifier: GPL-2.0-or-later
// The daemon hurt on purpose: killed predecessors, signals at awkward times,
// clients that die or hang, pid and stats files it cannot write. After each
// test no server of that name is left, and nothing of it in /dev/shm.

#include "daemon.hpp"
#include "files.hpp"
#include "full_filesystem.hpp"
#include "notify_socket.hpp"
#include "shm.hpp"

#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <optional>
#include <signal.h>
#include <thread>
#include <unistd.h>

using test::Daemon;
using test::exists;
using test::read_file;
using testing::HasSubstr;

namespace {

using namespace std::chrono_literals;

const std::vector<std::string> dummy{"-r", "-p", "64", "-d", "dummy", "-p", "256"};

// Stops the daemon with SIGTERM and checks it ended cleanly and left nothing.
void expect_clean_stop(Daemon& daemon) {
    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit) << "still running";
    EXPECT_TRUE(exit->exited()) << "killed by signal " << exit->signal;
    EXPECT_EQ(exit->status, 0) << daemon.errors();
    EXPECT_FALSE(test::serving(daemon.name()));
    EXPECT_EQ(test::describe(test::jack_files_of(daemon.name())), "");
}

bool lists_port(const Daemon& daemon, const std::string& part) {
    return daemon.client({"jack_lsp"}).output.find(part) != std::string::npos;
}

TEST(Faults, ACleanStopLeavesNothingInDevShmEvenWithLoopbackAndClients) {
    // The loopback driver and the clients of a server leave semaphore files
    // behind in JACK itself; jack-server removes those of its server name.
    Daemon daemon(test::unique_server_name("tidy"), {"-r", "-p", "64", "-L", "2", "-d", "dummy"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    EXPECT_EQ(daemon.client({JACK_TEST_CLIENT, "cycles", "5"}).exit.status, 0);
    expect_clean_stop(daemon);
}

TEST(Faults, TemporaryServerLeavesNothingInDevShm) {
    Daemon daemon(test::unique_server_name("tidy-t"), {"-T", "-r", "-p", "64", "-d", "dummy"});
    ASSERT_TRUE(daemon.wait_ready()) << daemon.errors();
    EXPECT_EQ(daemon.client({"jack_samplerate"}).exit.status, 0);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0);
    EXPECT_EQ(test::describe(test::jack_files_of(daemon.name())), "");
}

TEST(Faults, AKilledPredecessorsFilesDoNotStopTheNextStart) {
    auto name = test::unique_server_name("killed");
    {
        Daemon victim(name, dummy);
        ASSERT_TRUE(victim.wait_serving()) << victim.errors();
        victim.signal(SIGKILL);
        auto exit = victim.wait();
        ASSERT_TRUE(exit);
        EXPECT_EQ(exit->signal, SIGKILL);
    }
    ASSERT_FALSE(test::jack_files_of(name).empty()) << "SIGKILL should leave JACK's files";
    Daemon next(name, dummy);
    ASSERT_TRUE(next.wait_serving()) << next.errors();
    EXPECT_EQ(next.client({JACK_TEST_CLIENT, "cycles", "5"}).exit.status, 0);
    expect_clean_stop(next);
}

// SIGTERM while the daemon is still parsing, creating or opening: it either
// dies of the signal before it touched anything, or starts and stops cleanly.
class TermDuringStartup : public testing::TestWithParam<int> {};

TEST_P(TermDuringStartup, EndsCleanWithNoServerLeft) {
    auto name = test::unique_server_name("early" + std::to_string(GetParam()));
    Daemon daemon(name, dummy);
    // The delay is what is tested (how far startup got), not a synchronisation.
    std::this_thread::sleep_for(std::chrono::milliseconds(GetParam()));
    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit) << "still running";
    if (exit->exited())
        EXPECT_EQ(exit->status, 0) << daemon.errors();
    else
        EXPECT_EQ(exit->signal, SIGTERM);
    EXPECT_FALSE(test::serving(name));
    EXPECT_EQ(test::describe(test::jack_files_of(name)), "");
}

INSTANTIATE_TEST_SUITE_P(Delays, TermDuringStartup, testing::Values(0, 2, 10, 30, 60, 100, 200),
                         [](const auto& info) { return std::to_string(info.param) + "ms"; });

// The notify socket tells when the daemon has begun to stop (STOPPING=1).
bool next_is_stopping(test::NotifySocket& socket) {
    for (auto message = socket.next(); !message.empty(); message = socket.next())
        if (message == "STOPPING=1")
            return true;
    return false;
}

TEST(Faults, TwoSigtermsStopOnceAndCleanly) {
    test::NotifySocket socket;
    Daemon daemon(test::unique_server_name("twice"), dummy, {{"NOTIFY_SOCKET", socket.path()}});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    daemon.signal(SIGTERM);
    daemon.signal(SIGTERM);
    ASSERT_TRUE(next_is_stopping(socket)) << daemon.errors();
    daemon.signal(SIGTERM); // while the server is being stopped
    auto exit = daemon.wait();
    ASSERT_TRUE(exit) << "still running";
    EXPECT_TRUE(exit->exited()) << "killed by signal " << exit->signal;
    EXPECT_EQ(exit->status, 0) << daemon.errors();
    EXPECT_EQ(test::describe(test::jack_files_of(daemon.name())), "");
}

TEST(Faults, AClientKilledMidCycleLeavesTheServerServing) {
    auto metro_name = test::unique_client_name("metro");
    Daemon daemon(test::unique_server_name("client-kill"), dummy);
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    {
        test::Process metro({"jack_metro", "-b", "120", "-n", metro_name},
                            test::client_environment(daemon.name()));
        ASSERT_TRUE(test::wait_until([&] { return lists_port(daemon, metro_name + ":120_bpm"); }));
        metro.signal(SIGKILL);
        ASSERT_TRUE(metro.wait());
    }
    EXPECT_TRUE(test::wait_until([&] { return !lists_port(daemon, metro_name + ":"); }))
        << "the dead client is still listed";
    EXPECT_TRUE(daemon.running());
    auto next = daemon.client({JACK_TEST_CLIENT, "cycles", "20"});
    EXPECT_EQ(next.exit.status, 0) << next.output << next.errors;
    expect_clean_stop(daemon);
}

TEST(Faults, AClientHangingInItsProcessCallbackIsKickedAndTheCycleGoesOn) {
    Daemon daemon(test::unique_server_name("hang"),
                  {"-r", "-p", "64", "-t", "200", "-d", "dummy", "-p", "256"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    test::Process blocker({JACK_TEST_CLIENT, "block", "20"},
                          test::client_environment(daemon.name()));
    ASSERT_TRUE(test::wait_until([&] { return blocker.output() == "blocked\n"; }))
        << blocker.errors();
    EXPECT_TRUE(test::wait_until([&] { return !lists_port(daemon, "blocker"); }))
        << "the hung client is still in the graph";
    auto other = daemon.client({JACK_TEST_CLIENT, "cycles", "50"});
    EXPECT_EQ(other.exit.status, 0) << other.output << other.errors;
    EXPECT_TRUE(daemon.running());
    blocker.signal(SIGKILL);
    blocker.wait();
    expect_clean_stop(daemon);
}

// The dummy server's arguments after one daemon option.
std::vector<std::string> dummy_with(const std::string& option, const std::string& value) {
    auto args = dummy;
    args.insert(args.begin(), {option, value});
    return args;
}

// A path whose parent is a regular file: no directory to write in, for any
// user, root included. The file goes with the object.
class PathUnderAFile {
public:
    explicit PathUnderAFile(const std::string& name)
        : file_(test::temporary_path("not-a-directory")), path_(file_ + "/" + name) {
        std::ofstream(file_) << "a file\n";
    }
    ~PathUnderAFile() { ::unlink(file_.c_str()); }
    PathUnderAFile(const PathUnderAFile&) = delete;
    PathUnderAFile& operator=(const PathUnderAFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string file_, path_;
};

// The daemon refused with 73 and one error line naming the file, before it
// started anything.
void expect_refused_with_73(Daemon& daemon, const std::string& message) {
    auto exit = daemon.wait();
    ASSERT_TRUE(exit) << "still running";
    EXPECT_EQ(exit->status, 73) << daemon.errors();
    EXPECT_THAT(daemon.errors(), HasSubstr(message));
    EXPECT_FALSE(daemon.ready()) << "it said it was ready";
    EXPECT_FALSE(test::serving(daemon.name()));
    EXPECT_EQ(test::describe(test::jack_files_of(daemon.name())), "");
}

TEST(Faults, APidFileWithNoDirectoryExits73BeforeStarting) {
    PathUnderAFile under_a_file("jack.pid");
    const auto& pid_path = under_a_file.path();
    Daemon daemon(test::unique_server_name("pid-dir"), dummy_with("--pid-file", pid_path));
    expect_refused_with_73(daemon, "cannot open pid file '" + pid_path + "': Not a directory");
}

TEST(Faults, AStatsFileWithNoDirectoryExits73BeforeStarting) {
    PathUnderAFile under_a_file("stats.json");
    const auto& stats_path = under_a_file.path();
    Daemon daemon(test::unique_server_name("stats-dir"), dummy_with("--stats-file", stats_path));
    expect_refused_with_73(daemon, "cannot write stats file '" + stats_path + "': Not a directory");
}

TEST(Faults, AFullDiskForThePidFileExits73AndLeavesNoFile) {
    std::string why_not;
    auto full = test::FullFilesystem::make(why_not);
    if (!full)
        GTEST_SKIP() << "cannot make a full filesystem: " << why_not;
    full->fill();
    auto pid_path = full->path("jack.pid");
    Daemon daemon(test::unique_server_name("pid-full"), dummy_with("--pid-file", pid_path));
    expect_refused_with_73(daemon,
                           "cannot write pid file '" + pid_path + "': No space left on device");
    EXPECT_FALSE(exists(pid_path));
    EXPECT_FALSE(exists(pid_path + ".tmp"));
}

// The disk fills while the server runs: at exit the figures cannot be written.
// The previous run's file stays whole and the status says the run has no figures.
TEST(Faults, AFullDiskForTheStatsFileAtExitExits73AndKeepsTheOldFile) {
    std::string why_not;
    auto full = test::FullFilesystem::make(why_not);
    if (!full)
        GTEST_SKIP() << "cannot make a full filesystem: " << why_not;
    auto stats_path = full->path("stats.json");
    std::ofstream(stats_path) << "{\"from\": \"the previous run\"}\n";
    Daemon daemon(test::unique_server_name("stats-full"), dummy_with("--stats-file", stats_path));
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    full->fill();
    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit) << "still running";
    EXPECT_EQ(exit->status, 73) << daemon.errors();
    EXPECT_THAT(daemon.errors(),
                HasSubstr("cannot write stats file '" + stats_path + "': No space left on device"));
    EXPECT_EQ(read_file(stats_path), "{\"from\": \"the previous run\"}\n");
    EXPECT_FALSE(exists(stats_path + ".tmp"));
    EXPECT_FALSE(test::serving(daemon.name()));
    EXPECT_EQ(test::describe(test::jack_files_of(daemon.name())), "");
}

} // namespace
