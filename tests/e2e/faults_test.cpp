// The daemon hurt on purpose: killed predecessors, signals at awkward times,
// clients that die or hang. After each test no server of that name is left,
// and nothing of it in /dev/shm.

#include "daemon.hpp"
#include "shm.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <thread>

using test::Daemon;
using testing::HasSubstr;

namespace {

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
    ASSERT_TRUE(daemon.wait_logged("started server")) << daemon.errors();
    EXPECT_EQ(daemon.client({"jack_samplerate"}).exit.status, 0);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0);
    EXPECT_EQ(test::describe(test::jack_files_of(daemon.name())), "");
}

// Runs alone (RUN_SERIAL, see CMakeLists.txt): while JACK starts a server over
// the files of a SIGKILLed one of the same name, other servers running at that
// moment have lost clients' sockets (seen in about one in three parallel runs
// of the e2e suite, with JACK2 1.9.21).
TEST(FaultsAlone, AKilledPredecessorsFilesDoNotStopTheNextStart) {
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

TEST(Faults, TwoSigtermsStopOnceAndCleanly) {
    Daemon daemon(test::unique_server_name("twice"), dummy);
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    daemon.signal(SIGTERM);
    daemon.signal(SIGTERM);
    ASSERT_TRUE(daemon.wait_logged("stopping"));
    daemon.signal(SIGTERM); // while the server is being stopped
    auto exit = daemon.wait();
    ASSERT_TRUE(exit) << "still running";
    EXPECT_TRUE(exit->exited()) << "killed by signal " << exit->signal;
    EXPECT_EQ(exit->status, 0) << daemon.errors();
    EXPECT_EQ(test::describe(test::jack_files_of(daemon.name())), "");
}

TEST(Faults, AClientKilledMidCycleLeavesTheServerServing) {
    Daemon daemon(test::unique_server_name("client-kill"), dummy);
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    {
        test::Process metro({"jack_metro", "-b", "120", "-n", "metro"},
                            test::client_environment(daemon.name()));
        ASSERT_TRUE(test::wait_until([&] { return lists_port(daemon, "metro:120_bpm"); }));
        metro.signal(SIGKILL);
        ASSERT_TRUE(metro.wait());
    }
    EXPECT_TRUE(test::wait_until([&] { return !lists_port(daemon, "metro:"); }))
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

// Unwritable pid and stats files belong here once the daemon writes files
// (--pid-file, --stats-file): a clear error, status 73 or 69 as documented,
// and nothing half-written.

} // namespace
