// SPDX-License-Identifier: GPL-2.0-or-later
#include "plugin_folder.hpp"

#include "library_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <mutex>
#include <optional>
#include <sys/file.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace jack_server::detail {

namespace fs = std::filesystem;

namespace {

// The folders this process holds, for std::quick_exit, which runs no
// destructor: the daemon's deadlines end the process that way.
struct HeldFolders {
    std::mutex mutex;
    std::vector<PluginFolder*> folders;
};

void let_go_of_held_folders() noexcept;

HeldFolders& held_folders() {
    // Never destroyed: a deadline's quick_exit may come after static
    // destructors began.
    static HeldFolders* held = [] {
        std::at_quick_exit(let_go_of_held_folders);
        return new HeldFolders;
    }();
    return *held;
}

void let_go_of_held_folders() noexcept {
    auto& held = held_folders();
    // The main thread may be stuck anywhere: never wait for it.
    std::unique_lock lock(held.mutex, std::try_to_lock);
    if (!lock.owns_lock())
        return;
    for (auto* folder : held.folders)
        folder->let_go();
}

// Removes the folder when no process holds it. A folder made by another
// user, or being made right now (not yet locked), is left alone: only a
// folder whose lock is free and which is ours goes.
void remove_if_unheld(const fs::path& folder) noexcept {
    int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return;
    struct stat info {};
    bool ours = ::fstat(fd, &info) == 0 && info.st_uid == ::geteuid();
    if (ours && ::flock(fd, LOCK_EX | LOCK_NB) == 0) {
        std::error_code error;
        fs::remove_all(folder, error);
    }
    ::close(fd);
}

// The folders of processes that ended without removing theirs (killed, or
// a version that did not remove them on every path).
void remove_unheld_folders(const fs::path& parent) noexcept {
    std::error_code error;
    for (fs::directory_iterator it(parent, error), end; !error && it != end; it.increment(error))
        if (it->path().filename().string().starts_with(PluginFolder::prefix))
            remove_if_unheld(it->path());
}

// The files of the plugins named; empty when one is missing.
std::vector<fs::path> plugin_files(const fs::path& source,
                                   const std::vector<std::string>& plugins) {
    std::vector<fs::path> files;
    std::error_code error;
    for (const auto& name : plugins) {
        if (name.empty() || name.find('/') != std::string::npos)
            return {};
        auto driver = source / ("jack_" + name + ".so");
        auto internal = source / (name + ".so");
        if (fs::exists(driver, error))
            files.push_back(driver);
        else if (fs::exists(internal, error))
            files.push_back(internal);
        else
            return {};
    }
    // libjackserver reports an error when it finds no internal client at all:
    // give it the smallest one when none was named.
    bool has_internal = std::any_of(files.begin(), files.end(), [](const fs::path& file) {
        return !file.filename().string().starts_with("jack_");
    });
    if (auto profiler = source / "profiler.so"; !has_internal && fs::exists(profiler, error))
        files.push_back(profiler);
    return files;
}

// Sets JACK_DRIVER_DIR for its lifetime, then puts back what was there.
class DriverDirOverride {
public:
    explicit DriverDirOverride(const fs::path& dir) {
        if (const char* value = std::getenv("JACK_DRIVER_DIR"))
            previous_ = value;
        setenv("JACK_DRIVER_DIR", dir.c_str(), 1);
    }
    ~DriverDirOverride() {
        if (previous_)
            setenv("JACK_DRIVER_DIR", previous_->c_str(), 1);
        else
            unsetenv("JACK_DRIVER_DIR");
    }
    DriverDirOverride(const DriverDirOverride&) = delete;
    DriverDirOverride& operator=(const DriverDirOverride&) = delete;

private:
    std::optional<std::string> previous_;
};

} // namespace

fs::path PluginFolder::parent() {
    for (const char* variable : {"XDG_RUNTIME_DIR", "TMPDIR"})
        if (const char* value = std::getenv(variable); value != nullptr && *value != '\0')
            return value;
    return "/tmp";
}

PluginFolder::PluginFolder(const std::vector<fs::path>& files) {
    auto where = parent();
    remove_unheld_folders(where);
    std::string pattern = (where / prefix).string() + "XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
        throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
    path_ = pattern;
    // Locked before the links exist: a sweep by another process between
    // mkdtemp and here would find an empty folder of ours and could remove
    // it, so the lock comes first and the sweep leaves a locked folder alone.
    lock_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (lock_ < 0 || ::flock(lock_, LOCK_SH) != 0) {
        auto error = errno;
        let_go();
        throw std::system_error(error, std::generic_category(), "locking " + path_.string());
    }
    for (const auto& file : files) {
        std::error_code error;
        fs::create_symlink(file, path_ / file.filename(), error);
        if (error && error != std::errc::file_exists) {
            let_go();
            throw std::system_error(error, "linking " + file.string());
        }
    }
    auto& held = held_folders();
    std::lock_guard guard(held.mutex);
    held.folders.push_back(this);
}

PluginFolder::~PluginFolder() {
    {
        auto& held = held_folders();
        std::lock_guard guard(held.mutex);
        std::erase(held.folders, this);
    }
    let_go();
}

void PluginFolder::let_go() noexcept {
    if (path_.empty())
        return;
    if (lock_ >= 0)
        ::close(lock_);
    lock_ = -1;
    remove_if_unheld(path_);
    path_.clear();
}

fs::path jack_plugin_dir() {
    if (const char* dir = std::getenv("JACK_DRIVER_DIR"); dir != nullptr && *dir != '\0')
        return dir;
    // libjackserver was built with its plugin directory, <libdir>/jack; find
    // <libdir> from the library itself rather than guessing a Debian path.
    auto file = libjackserver_file();
    if (file.empty())
        return {};
    std::error_code error;
    auto library = fs::canonical(file, error);
    if (error)
        return {};
    return library.parent_path() / "jack";
}

std::shared_ptr<const PluginFolder> with_plugins_only(const std::vector<std::string>& plugins,
                                                      const std::function<void()>& create) {
    auto source = jack_plugin_dir();
    if (source.empty())
        return nullptr;
    auto files = plugin_files(source, plugins);
    if (files.empty())
        return nullptr;
    std::shared_ptr<const PluginFolder> folder;
    try {
        folder = std::make_shared<const PluginFolder>(files);
    } catch (const std::system_error&) {
        return nullptr;
    }
    DriverDirOverride override(folder->path());
    create();
    return folder;
}

} // namespace jack_server::detail
