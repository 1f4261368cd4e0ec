// SPDX-License-Identifier: GPL-2.0-or-later
#include "process.hpp"

#include "client_lock.hpp"
#include "files.hpp"
#include "wait.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace test {

namespace {

// A new path for each output file of this test process.
std::string output_path(const char* suffix) {
    static std::atomic<int> counter{0};
    return temporary_path(std::to_string(counter++) + suffix);
}

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra) {
    std::map<std::string, std::string> all;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        std::string text(*entry);
        auto equals = text.find('=');
        if (equals != std::string::npos)
            all[text.substr(0, equals)] = text.substr(equals + 1);
    }
    for (const auto& [key, value] : extra)
        all[key] = value;
    std::vector<std::string> result;
    for (const auto& [key, value] : all)
        result.push_back(key + "=" + value);
    return result;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> result;
    for (auto& s : strings)
        result.push_back(s.data());
    result.push_back(nullptr);
    return result;
}

Exit decode(int status) {
    if (WIFEXITED(status))
        return Exit{WEXITSTATUS(status), 0};
    return Exit{-1, WTERMSIG(status)};
}

} // namespace

Process::Process(std::vector<std::string> argv, std::map<std::string, std::string> env,
                 const std::vector<Inherited>& inherited)
    : out_path_(output_path(".out")), err_path_(output_path(".err")) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    // dup2 leaves the copy without close-on-exec (fd and as must differ).
    for (const auto& given : inherited)
        posix_spawn_file_actions_adddup2(&actions, given.fd, given.as);
    auto environment = merged_environment(env);
    auto args = pointers(argv);
    auto envp = pointers(environment);
    int error = posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0)
        throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(error));
}

Process::~Process() {
    // Stop gracefully first: a JACK server killed outright keeps its slot in
    // JACK's registry of (at most 8) servers until one of the same name starts.
    if (running()) {
        ::kill(pid_, SIGTERM);
        if (!wait(15s)) {
            ::kill(pid_, SIGKILL);
            wait(5s);
        }
    }
    unlink(out_path_.c_str());
    unlink(err_path_.c_str());
}

void Process::signal(int number) const {
    ::kill(pid_, number);
}

std::optional<Exit> Process::wait(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!exit_) {
        int status = 0;
        pid_t done = waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            exit_ = decode(status);
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline)
            return std::nullopt;
        std::this_thread::sleep_for(5ms); // polling interval, not a synchronisation
    }
    return exit_;
}

bool Process::running() {
    return !wait(0ms).has_value();
}

std::string Process::output() const {
    return read_file(out_path_);
}
std::string Process::errors() const {
    return read_file(err_path_);
}

Result run(std::vector<std::string> argv, std::map<std::string, std::string> env,
           std::chrono::milliseconds timeout) {
    std::optional<ClientLock> lock;
    if (!argv.empty() && is_jack_tool(argv[0].c_str()))
        lock.emplace();
    auto started = std::chrono::steady_clock::now();
    auto command = fmt::format("{}", fmt::join(argv, " "));
    Process process(std::move(argv), std::move(env));
    auto exit = process.wait(lock ? std::min(timeout, ClientLock::longest_hold) : timeout);
    // A tool still running by then opened its client long ago: one that hangs
    // must not hold up every other test's tools.
    lock.reset();
    if (!exit)
        exit = process.wait(std::chrono::duration_cast<std::chrono::milliseconds>(
            timeout - (std::chrono::steady_clock::now() - started)));
    if (!exit)
        throw std::runtime_error("command did not finish in time: " + command + "\nits output: " +
                                 process.output() + "\nits errors: " + process.errors());
    return Result{*exit, process.output(), process.errors()};
}

pid_t wait_started(Process& process, std::chrono::milliseconds timeout) {
    pid_t pid = 0;
    auto started = [&] {
        std::istringstream output(process.output());
        std::string word;
        return (output >> word >> pid) && word == "started";
    };
    wait_until([&] { return started() || !process.running(); }, timeout);
    return started() ? pid : 0;
}

std::uint64_t programs_signals() {
    std::uint64_t mask = ~std::uint64_t{0};
    for (int number = 32; number < SIGRTMIN; ++number)
        mask &= ~(std::uint64_t{1} << (number - 1));
    return mask;
}

} // namespace test
