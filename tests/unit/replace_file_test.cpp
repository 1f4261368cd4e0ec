// SPDX-License-Identifier: GPL-2.0-or-later
// Atomic replacement of the files the daemon writes (stats, pid).

#include "errors.hpp"
#include "files.hpp"
#include "full_filesystem.hpp"
#include "process/replace_file.hpp"

#include <fcntl.h>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using jack_server::FileError;
using jack_server::detail::check_replaceable;
using jack_server::detail::replace_file;
using test::exists;
using test::read_file;

namespace {

// What is left to read on fd, from its start.
std::string read_descriptor(int fd) {
    std::string text;
    char buffer[256];
    off_t offset = 0;
    for (ssize_t got; (got = ::pread(fd, buffer, sizeof buffer, offset)) > 0; offset += got)
        text.append(buffer, static_cast<std::size_t>(got));
    return text;
}

class ReplaceFileTest : public testing::Test {
protected:
    void TearDown() override {
        for (const auto& file : {path, path + ".tmp", not_a_directory})
            ::unlink(file.c_str());
        ::rmdir(directory.c_str());
        ::unlink((directory + ".tmp").c_str());
    }
    std::string path = test::temporary_path("stats.json");
    std::string not_a_directory = test::temporary_path("not-a-directory");
    std::string directory = test::temporary_path("a-directory");
};

TEST_F(ReplaceFileTest, CreatesTheFile) {
    replace_file(path, "{\"cycles\": 1}\n", "stats file");
    EXPECT_EQ(read_file(path), "{\"cycles\": 1}\n");
    EXPECT_FALSE(exists(path + ".tmp"));
}

// A reader that opened the old file keeps reading the whole old text: the
// new text went to another file, renamed over the path, not into the old one.
TEST_F(ReplaceFileTest, ReplacesAtomically) {
    std::ofstream(path) << "the old text, longer than the new one\n";
    int reader = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    ASSERT_GE(reader, 0);
    replace_file(path, "new\n", "stats file");
    EXPECT_EQ(read_file(path), "new\n");
    EXPECT_EQ(read_descriptor(reader), "the old text, longer than the new one\n");
    ::close(reader);
    EXPECT_FALSE(exists(path + ".tmp"));
}

TEST_F(ReplaceFileTest, ALeftoverTemporaryIsOverwritten) {
    std::ofstream(path + ".tmp") << "a half-written file of a killed run, long\n";
    replace_file(path, "whole\n", "stats file");
    EXPECT_EQ(read_file(path), "whole\n");
    EXPECT_FALSE(exists(path + ".tmp"));
}

// The error names the file asked for, not its temporary.
TEST_F(ReplaceFileTest, APathUnderARegularFileNamesThePath) {
    std::ofstream(not_a_directory) << "a file\n";
    auto under = not_a_directory + "/stats.json";
    try {
        replace_file(under, "text\n", "stats file");
        FAIL() << "wrote " << under;
    } catch (const FileError& e) {
        EXPECT_EQ(e.what(), "cannot write stats file '" + under + "': Not a directory");
    }
}

// The temporary is written, but cannot be renamed over a directory: it is
// removed, and the directory stays.
TEST_F(ReplaceFileTest, AFailedRenameLeavesNoTemporary) {
    ASSERT_EQ(::mkdir(directory.c_str(), 0755), 0);
    try {
        replace_file(directory, "text\n", "stats file");
        FAIL() << "replaced a directory";
    } catch (const FileError& e) {
        EXPECT_EQ(e.what(), "cannot write stats file '" + directory + "': Is a directory");
    }
    EXPECT_FALSE(exists(directory + ".tmp"));
    struct stat status {};
    ASSERT_EQ(::stat(directory.c_str(), &status), 0);
    EXPECT_TRUE(S_ISDIR(status.st_mode));
}

// A write that fails (no space left) leaves the old file whole and no temporary.
TEST_F(ReplaceFileTest, AFullDiskKeepsTheOldFileAndLeavesNoTemporary) {
    std::string why_not;
    auto full = test::FullFilesystem::make(why_not);
    if (!full)
        GTEST_SKIP() << "cannot make a full filesystem: " << why_not;
    auto on_full = full->path("stats.json");
    std::ofstream(on_full) << "the previous run\n";
    full->fill();
    try {
        replace_file(on_full, std::string(64 * 1024, 'x'), "stats file");
        FAIL() << "wrote to a full disk";
    } catch (const FileError& e) {
        EXPECT_EQ(e.what(), "cannot write stats file '" + on_full + "': No space left on device");
    }
    EXPECT_EQ(read_file(on_full), "the previous run\n");
    EXPECT_FALSE(exists(on_full + ".tmp"));
}

TEST_F(ReplaceFileTest, CheckReplaceableLeavesNothingBehind) {
    check_replaceable(path, "stats file");
    EXPECT_FALSE(exists(path));
    EXPECT_FALSE(exists(path + ".tmp"));
}

TEST_F(ReplaceFileTest, CheckReplaceableRefusesAPathUnderARegularFile) {
    std::ofstream(not_a_directory) << "a file\n";
    auto under = not_a_directory + "/stats.json";
    try {
        check_replaceable(under, "stats file");
        FAIL() << "accepted " << under;
    } catch (const FileError& e) {
        EXPECT_EQ(e.what(), "cannot write stats file '" + under + "': Not a directory");
    }
}

} // namespace
