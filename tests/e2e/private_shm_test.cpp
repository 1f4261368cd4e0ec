// SPDX-License-Identifier: GPL-2.0-or-later
// `jack-server --private-shm ... -- COMMAND`: the server and its command get a
// /dev/shm of their own. Jobs that use the same server and client names at
// the same moment all pass, more than JACK's registry of 8 servers at once;
// nothing of theirs reaches this machine's /dev/shm (the one the tests run
// in), even when jack-server is SIGKILLed; the command keeps its user, group,
// environment and directory. As root and as an unprivileged user (nobody,
// through a user namespace). tests/bench/private_shm.sh runs the many-round
// version, and shows the same jobs failing without the option.

#include "binaries.hpp"
#include "daemon.hpp"
#include "process.hpp"
#include "shm.hpp"
#include "wait.hpp"

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace {

using namespace std::chrono_literals;
using testing::HasSubstr;

constexpr uid_t nobody = 65534;
constexpr int jobs = 16;

// How a test runs a program: as the user running the tests, or as nobody.
struct User {
    std::string label;
    std::vector<std::string> prefix; // what runs a program as this user
    uid_t uid;
    gid_t gid;
};

// ctest names a case by its label, not by its bytes.
void PrintTo(const User& user, std::ostream* out) {
    *out << user.label;
}

User current_user() {
    return {"current", {}, ::geteuid(), ::getegid()};
}

User nobody_user() {
    auto ids = std::to_string(nobody);
    return {"nobody",
            {"setpriv", "--reuid=" + ids, "--regid=" + ids, "--clear-groups", "--"},
            nobody,
            nobody};
}

std::vector<std::string> as(const User& user, const std::vector<std::string>& argv) {
    auto all = user.prefix;
    all.insert(all.end(), argv.begin(), argv.end());
    return all;
}

// Why user cannot have a private /dev/shm here, found by trying what
// jack-server does (a user namespace for anyone but root); empty when it can.
std::string namespaces_refused(const User& user) {
    if (!user.prefix.empty() && ::geteuid() != 0)
        return "switching to the user nobody needs root";
    std::vector<std::string> probe{"unshare", "--mount", "true"};
    if (user.uid != 0)
        probe.insert(probe.begin() + 1, "--user");
    auto result = test::run(as(user, probe));
    if (result.exit.status != 0)
        return "this system refuses " + user.label + " a namespace: " + result.errors;
    return {};
}

std::vector<std::string> private_server(std::vector<std::string> args,
                                        const std::vector<std::string>& command) {
    std::vector<std::string> argv{test::jack_server_binary(), "--private-shm"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.emplace_back("--");
    argv.insert(argv.end(), command.begin(), command.end());
    return argv;
}

// A folder of the test's own that user may write in, removed afterwards.
class Folder {
public:
    Folder(const std::string& what, const User& user)
        : path_(fmt::format("/tmp/jstest-{}-{}-{}", what, user.label, ::getpid())) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directory(path_);
        if (::chown(path_.c_str(), user.uid, user.gid) != 0)
            throw std::system_error(errno, std::system_category(), "chown " + path_);
    }
    ~Folder() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

// Debian's python3-jack-client, as a CI job's own client would use it: a
// client of a fixed name registers two ports and connects them.
constexpr std::string_view python_client = R"py(
import jack, sys, time
client = jack.Client("jstest-same", no_start_server=True)
if client.name != "jstest-same":
    sys.exit("renamed to " + client.name)
inport = client.inports.register("in")
outport = client.outports.register("out")
client.activate()
client.connect(outport, inport)
client.connect("system:capture_1", inport)
# A connection shows once the engine has run a cycle with it.
deadline = time.monotonic() + 10
while True:
    got = sorted(port.name for port in client.get_all_connections(inport))
    if got == ["jstest-same:out", "system:capture_1"]:
        break
    if time.monotonic() > deadline:
        sys.exit("connections: " + " ".join(got))
    time.sleep(0.01)
client.deactivate()
client.close()
print("python client ok")
)py";

// One CI job: it waits until every job's server runs (more at once than
// JACK's registry of 8 holds), then all run jack_lsp (client "lsp") and the
// Python client (client "jstest-same") at the same moment.
std::vector<std::string> job_command(const std::string& barrier) {
    auto script = fmt::format(R"sh(touch "{0}/$$"; tries=0
while [ "$(ls "{0}" | wc -l)" -lt {1} ]; do
  tries=$((tries + 1))
  [ $tries -lt 600 ] || {{ echo "not all {1} servers ran at once" >&2; exit 9; }}
  sleep 0.05
done
jack_lsp | grep -qx system:playback_1 || {{ echo "jack_lsp failed" >&2; exit 8; }}
exec /usr/bin/python3 -c "$0")sh",
                              barrier, jobs);
    return {"sh", "-c", script, std::string(python_client)};
}

class PrivateShm : public testing::TestWithParam<User> {
protected:
    void SetUp() override {
        if (auto why = namespaces_refused(GetParam()); !why.empty())
            GTEST_SKIP() << why;
    }
    const User& user() const { return GetParam(); }
};

// 16 jobs at once, each `jack-server --private-shm -n NAME -r -d dummy -- JOB`
// with the same server name and the same client names. One round, to keep
// the suite fast: tests/bench/private_shm.sh runs 20.
TEST_P(PrivateShm, SixteenJobsWithTheSameNamesAllPass) {
    auto name = test::unique_server_name("private-jobs-" + user().label);
    Folder barrier("barrier", user());
    std::vector<std::unique_ptr<test::Process>> running;
    for (int job = 0; job < jobs; ++job)
        running.push_back(std::make_unique<test::Process>(
            as(user(),
               private_server({"-n", name, "-r", "-d", "dummy"}, job_command(barrier.path()))),
            std::map<std::string, std::string>{{"JACK_NO_START_SERVER", "1"}}));
    for (int job = 0; job < jobs; ++job) {
        auto& process = *running[job];
        auto exit = process.wait(60s);
        ASSERT_TRUE(exit) << "job " << job << " still running";
        EXPECT_EQ(exit->status, 0) << "job " << job << ":\n"
                                   << process.output() << process.errors();
        EXPECT_THAT(process.output(), HasSubstr("python client ok"));
    }
    auto left = test::jack_files_of(name);
    EXPECT_TRUE(left.empty()) << test::describe(left);
}

// The command is the user's: the same uid and gid, environment and working
// directory as without jack-server, and files it writes are the user's.
TEST_P(PrivateShm, CommandKeepsTheUsersIdentityEnvironmentAndDirectory) {
    Folder folder("identity", user());
    auto in_folder = [&](const std::vector<std::string>& argv) {
        std::vector<std::string> all{"sh", "-c", R"(cd "$0" && exec "$@")", folder.path()};
        all.insert(all.end(), argv.begin(), argv.end());
        return as(user(), all);
    };
    std::map<std::string, std::string> env = test::unaware_environment();
    env["JSTEST_MARK"] = "kept";
    std::string show = "id -u; id -g; pwd; env | grep -v '^JACK_DEFAULT_SERVER=' | sort";
    auto alone = test::run(in_folder({"sh", "-c", show}), env);
    ASSERT_EQ(alone.exit.status, 0) << alone.errors;
    EXPECT_THAT(alone.output, HasSubstr("JSTEST_MARK=kept"));

    auto ours = test::run(
        in_folder(private_server({"-r", "-d", "dummy"}, {"sh", "-c", show + "; echo x > written"})),
        env, 30s);
    ASSERT_EQ(ours.exit.status, 0) << ours.errors;
    EXPECT_EQ(ours.output, alone.output);
    EXPECT_THAT(ours.output, testing::StartsWith(fmt::format("{}\n{}\n{}\n", user().uid, user().gid,
                                                             folder.path())));
    struct stat written {};
    ASSERT_EQ(::stat((folder.path() + "/written").c_str(), &written), 0);
    EXPECT_EQ(written.st_uid, user().uid);
    EXPECT_EQ(written.st_gid, user().gid);
}

// Whatever the command's status, jack-server exits with it and this
// machine's /dev/shm never held anything of the server's.
TEST_P(PrivateShm, CommandStatusIsJackServersAndNothingReachesThisDevShm) {
    struct Case {
        std::vector<std::string> command;
        int status;
    };
    for (const auto& [command, status] :
         {Case{{"sh", "-c", "exit 3"}, 3}, Case{{"sh", "-c", "kill -KILL $$"}, 137},
          Case{{"/nonexistent/jstest-no-such-command"}, 127}}) {
        auto name = test::unique_server_name("private-status-" + user().label);
        auto result =
            test::run(as(user(), private_server({"-n", name, "-r", "-d", "dummy"}, command)),
                      test::unaware_environment(), 30s);
        EXPECT_EQ(result.exit.status, status) << command.front() << ": " << result.errors;
        auto left = test::jack_files_of(name);
        EXPECT_TRUE(left.empty()) << test::describe(left);
    }
}

// A command that prints "started <pid>" first, then runs rest.
std::map<std::string, std::string> with(std::map<std::string, std::string> environment,
                                        const std::map<std::string, std::string>& more) {
    for (const auto& [key, value] : more)
        environment[key] = value;
    return environment;
}

class Running {
public:
    // more: added to the environment.
    Running(const User& user, const std::string& name, const std::string& rest,
            const std::map<std::string, std::string>& more = {})
        : process_(as(user, private_server({"-n", name, "-r", "-d", "dummy"},
                                           {"sh", "-c", "echo started $$; " + rest})),
                   with(test::unaware_environment(), more)) {}
    test::Process& process() { return process_; }
    pid_t wait_started() { return test::wait_started(process_); }

private:
    test::Process process_;
};

bool gone(pid_t pid) {
    return ::kill(pid, 0) != 0 && errno == ESRCH;
}

std::string mount_namespace_of(pid_t pid) {
    std::error_code error;
    auto link = std::filesystem::read_symlink(fmt::format("/proc/{}/ns/mnt", pid), error);
    return error ? std::string() : link.string();
}

// Whether a process this test may look at is in that mount namespace.
bool namespace_in_use(const std::string& mount_namespace) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
        auto file = entry.path().filename().string();
        if (file.find_first_not_of("0123456789") == std::string::npos &&
            mount_namespace_of(std::stoi(file)) == mount_namespace)
            return true;
    }
    return false;
}

// While it runs, a private server is out of reach and out of the way: its
// name is free for a server here, which starts and stops beside it (and
// deletes this /dev/shm's metadata store as it stops) without disturbing it.
TEST_P(PrivateShm, OtherServersAndClientsNeitherSeeNorDisturbIt) {
    auto name = test::unique_server_name("private-apart-" + user().label);
    Folder folder("apart", user());
    auto flag = folder.path() + "/go";
    Running running(
        user(), name,
        fmt::format(R"(while [ ! -e "{}" ]; do sleep 0.05; done; exec jack_lsp)", flag));
    ASSERT_GT(running.wait_started(), 0) << running.process().errors();
    auto left = test::jack_files_of(name);
    EXPECT_TRUE(left.empty()) << test::describe(left);
    auto outside = test::run({"jack_lsp"}, test::client_environment(name));
    EXPECT_NE(outside.exit.status, 0) << outside.output;

    {
        test::Daemon here(name, {"-r", "-d", "dummy"});
        EXPECT_TRUE(here.wait_serving()) << here.errors();
        here.signal(SIGTERM);
        EXPECT_TRUE(here.wait());
    }
    ASSERT_TRUE(std::filesystem::create_directory(flag));
    auto exit = running.process().wait(30s);
    ASSERT_TRUE(exit) << running.process().errors();
    EXPECT_EQ(exit->status, 0) << running.process().errors();
    EXPECT_THAT(running.process().output(), HasSubstr("system:playback_1"));
}

TEST_P(PrivateShm, SigtermGoesToTheCommand) {
    auto name = test::unique_server_name("private-term-" + user().label);
    Running running(user(), name, "exec sleep 30");
    auto pid = running.wait_started();
    ASSERT_GT(pid, 0) << running.process().errors();
    running.process().signal(SIGTERM);
    auto exit = running.process().wait(10s);
    ASSERT_TRUE(exit) << running.process().errors();
    EXPECT_EQ(exit->status, 128 + SIGTERM) << running.process().errors();
    EXPECT_TRUE(gone(pid));
}

// SIGKILL leaves no server to clean up: the command dies with jack-server,
// the namespace with the last of its processes, and this /dev/shm never
// held anything.
TEST_P(PrivateShm, SigkilledJackServerLeavesNothing) {
    auto name = test::unique_server_name("private-kill-" + user().label);
    // Where its plugin folder goes, which a SIGKILL leaves behind.
    Folder runtime("private-kill-runtime", user());
    std::map<std::string, std::string> in_runtime{{"XDG_RUNTIME_DIR", runtime.path()},
                                                  {"TMPDIR", runtime.path()}};
    Running running(user(), name, "exec sleep 60", in_runtime);
    auto pid = running.wait_started();
    ASSERT_GT(pid, 0) << running.process().errors();
    auto mount_namespace = mount_namespace_of(pid);
    ASSERT_FALSE(mount_namespace.empty());
    ASSERT_NE(mount_namespace, mount_namespace_of(::getpid()));
    running.process().signal(SIGKILL);
    auto exit = running.process().wait(10s);
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->signal, SIGKILL);
    EXPECT_TRUE(test::wait_until([&] { return gone(pid); }, 10s)) << "the command outlived it";
    EXPECT_TRUE(test::wait_until([&] { return !namespace_in_use(mount_namespace); }, 10s));
    auto left = test::jack_files_of(name);
    EXPECT_TRUE(left.empty()) << test::describe(left);
    // The next jack-server of that user to start there removes the folder.
    auto next = test::run(as(user(), {test::jack_server_binary(), "--check", "-d", "dummy"}),
                          with(test::unaware_environment(), in_runtime));
    EXPECT_EQ(next.exit.status, 0) << next.errors;
    EXPECT_TRUE(std::filesystem::is_empty(runtime.path())) << "the killed server's plugin folder";
}

INSTANTIATE_TEST_SUITE_P(Users, PrivateShm, testing::Values(current_user(), nobody_user()),
                         [](const auto& info) { return info.param.label; });

void expect_one_line(const std::string& errors, const std::string& text) {
    EXPECT_THAT(errors, HasSubstr(text));
    EXPECT_EQ(std::count(errors.begin(), errors.end(), '\n'), 1) << errors;
}

// In a user namespace only RLIMIT_RTPRIO grants realtime scheduling.
TEST(PrivateShmRefused, RealtimeWhereTheUserNamespaceCannotGrantIt) {
    auto user = ::geteuid() == 0 ? nobody_user() : current_user();
    if (auto why = namespaces_refused(user); !why.empty())
        GTEST_SKIP() << why;
    Folder folder("realtime", user);
    auto marker = folder.path() + "/ran";
    auto result = test::run(as(user, {"prlimit", "--rtprio=0", "--", test::jack_server_binary(),
                                      "--private-shm", "-d", "dummy", "--", "touch", marker}),
                            test::unaware_environment(), 30s);
    EXPECT_EQ(result.exit.status, 69) << result.errors;
    expect_one_line(result.errors, "--private-shm: realtime scheduling at priority 10 is refused "
                                   "in a user namespace (RLIMIT_RTPRIO is 0); give -r");
    EXPECT_FALSE(std::filesystem::exists(marker));
}

// Runs command as root of a user namespace that may make no namespace in it
// (user.max_user_namespaces 0) and holds no capability.
std::vector<std::string> where_namespaces_are_not_allowed(const std::vector<std::string>& command) {
    std::vector<std::string> argv{
        "unshare",
        "--user",
        "--map-root-user",
        "sh",
        "-c",
        "echo 0 > /proc/sys/user/max_user_namespaces && exec setpriv --inh-caps=-all "
        "--bounding-set=-all -- \"$@\"",
        "sh"};
    argv.insert(argv.end(), command.begin(), command.end());
    return argv;
}

// No namespace to be had: a user without CAP_SYS_ADMIN where no user
// namespace may be made (user.max_user_namespaces 0), as in a container whose
// seccomp profile refuses unshare. No silent fallback to this /dev/shm.
TEST(PrivateShmRefused, WhereNamespacesAreNotAllowed) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "making a user namespace without namespaces in it needs root";
    // The refusal is set up in a user namespace of its own; where that one
    // is refused already (a chroot, a container's seccomp profile, a
    // /proc that is not mounted), the case cannot be set up.
    auto setup =
        test::run(where_namespaces_are_not_allowed({"true"}), test::unaware_environment(), 30s);
    if (setup.exit.status != 0)
        GTEST_SKIP() << "this system refuses what sets up the refusal (unshare --user, "
                        "then user.max_user_namespaces 0 in it): "
                     << setup.errors;
    auto name = test::unique_server_name("private-refused");
    Folder folder("refused", current_user());
    auto marker = folder.path() + "/ran";
    auto result = test::run(
        where_namespaces_are_not_allowed({test::jack_server_binary(), "--private-shm", "-n", name,
                                          "-r", "-d", "dummy", "--", "touch", marker}),
        test::unaware_environment(), 30s);
    EXPECT_EQ(result.exit.status, 69) << result.errors;
    expect_one_line(result.errors,
                    "--private-shm: unshare(CLONE_NEWUSER|CLONE_NEWNS) was refused: the limit of "
                    "user namespaces (user.max_user_namespaces) is reached; run without "
                    "--private-shm, or allow user namespaces");
    EXPECT_FALSE(std::filesystem::exists(marker));
    auto left = test::jack_files_of(name);
    EXPECT_TRUE(left.empty()) << test::describe(left);
}

TEST(PrivateShmRefused, WithoutACommand) {
    auto result = test::run({test::jack_server_binary(), "--private-shm", "-d", "dummy"},
                            test::unaware_environment());
    EXPECT_EQ(result.exit.status, 64) << result.errors;
    EXPECT_THAT(result.errors, HasSubstr("jack-server: --private-shm needs -- COMMAND"));
}

} // namespace
