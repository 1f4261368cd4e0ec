// SPDX-License-Identifier: GPL-2.0-or-later
// The --pid-file lock, against real files and a real second process.

#include "errors.hpp"
#include "files.hpp"
#include "process/pid_file.hpp"

#include <csignal>
#include <fstream>
#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using jack_server::FileError;
using jack_server::ServerNotOpenedError;
using jack_server::detail::PidFile;
using test::exists;
using test::read_file;

namespace {

std::string pid_line(pid_t pid) {
    return std::to_string(pid) + "\n";
}

ino_t inode_of(const std::string& path) {
    struct stat status {};
    return ::stat(path.c_str(), &status) == 0 ? status.st_ino : 0;
}

// Another process that holds a pid file, as a second daemon would, until it
// is killed: SIGKILL runs no destructor, so the file stays behind.
class Holder {
public:
    explicit Holder(const std::string& path) {
        int ready[2];
        if (::pipe(ready) != 0)
            throw std::runtime_error("pipe");
        pid_ = ::fork();
        if (pid_ == 0) {
            ::close(ready[0]);
            try {
                new PidFile(path); // never destroyed: the process is killed
            } catch (...) {
                ::_exit(1);
            }
            char byte = 1;
            (void)::write(ready[1], &byte, 1);
            for (;;)
                ::pause();
        }
        ::close(ready[1]);
        char byte = 0;
        bool held = ::read(ready[0], &byte, 1) == 1;
        ::close(ready[0]);
        if (!held) {
            ::waitpid(pid_, nullptr, 0);
            throw std::runtime_error("the other process could not take " + path);
        }
    }
    ~Holder() { kill(); }
    Holder(const Holder&) = delete;
    Holder& operator=(const Holder&) = delete;

    pid_t pid() const { return pid_; }
    void kill() {
        if (pid_ <= 0)
            return;
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

private:
    pid_t pid_ = -1;
};

class PidFileTest : public testing::Test {
protected:
    void TearDown() override {
        ::unlink(path.c_str());
        ::unlink((path + ".tmp").c_str());
        ::unlink(not_a_directory.c_str());
    }
    std::string path = test::temporary_path("jack.pid");
    std::string not_a_directory = test::temporary_path("not-a-directory");
};

TEST_F(PidFileTest, WritesThePidAndNoTemporary) {
    PidFile pid_file(path);
    EXPECT_EQ(read_file(path), pid_line(::getpid()));
    EXPECT_FALSE(exists(path + ".tmp"));
}

// Written beside the path and renamed over it: the old file is never
// rewritten in place, so a reader sees the old text or the whole new one.
TEST_F(PidFileTest, ReplacesAnOldFileByRenaming) {
    std::ofstream(path) << "123456789012345 and more\n";
    auto old_inode = inode_of(path);
    PidFile pid_file(path);
    EXPECT_EQ(read_file(path), pid_line(::getpid()));
    EXPECT_NE(inode_of(path), old_inode);
}

TEST_F(PidFileTest, ASecondLockInThisProcessIsRefused) {
    PidFile first(path);
    try {
        PidFile second(path);
        FAIL() << "a second lock was taken";
    } catch (const ServerNotOpenedError& e) {
        EXPECT_EQ(e.what(), "already running (pid " + std::to_string(::getpid()) + "): pid file '" +
                                path + "' is locked");
    }
    // The refusal leaves the holder's file as it was.
    EXPECT_EQ(read_file(path), pid_line(::getpid()));
}

TEST_F(PidFileTest, AFileHeldByAnotherProcessIsRefusedWithItsPid) {
    Holder other(path);
    EXPECT_EQ(read_file(path), pid_line(other.pid()));
    try {
        PidFile mine(path);
        FAIL() << "took a pid file another process holds";
    } catch (const ServerNotOpenedError& e) {
        EXPECT_EQ(e.what(), "already running (pid " + std::to_string(other.pid()) +
                                "): pid file '" + path + "' is locked");
    }
    EXPECT_EQ(read_file(path), pid_line(other.pid()));
}

// A daemon killed with SIGKILL leaves its file; nobody holds its lock, so the
// next daemon takes it over.
TEST_F(PidFileTest, AStaleFileOfADeadProcessIsTakenOver) {
    Holder other(path);
    auto dead = other.pid();
    other.kill();
    ASSERT_EQ(read_file(path), pid_line(dead));
    PidFile mine(path);
    EXPECT_EQ(read_file(path), pid_line(::getpid()));
    EXPECT_FALSE(exists(path + ".tmp"));
}

TEST_F(PidFileTest, IsRemovedOnDestruction) {
    {
        PidFile pid_file(path);
        ASSERT_TRUE(exists(path));
    }
    EXPECT_FALSE(exists(path));
    EXPECT_FALSE(exists(path + ".tmp"));
    // And the path is free again.
    PidFile again(path);
    EXPECT_EQ(read_file(path), pid_line(::getpid()));
}

TEST_F(PidFileTest, APathUnderARegularFileIsAFileError) {
    std::ofstream(not_a_directory) << "a file\n";
    auto under = not_a_directory + "/jack.pid";
    try {
        PidFile pid_file(under);
        FAIL() << "wrote " << under;
    } catch (const FileError& e) {
        EXPECT_EQ(e.what(), "cannot open pid file '" + under + "': Not a directory");
    }
}

} // namespace
