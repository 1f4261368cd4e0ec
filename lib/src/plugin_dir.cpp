// SPDX-License-Identifier: GPL-2.0-or-later
#include "plugin_dir.hpp"

#include "library_file.hpp"

#include <cstdlib>
#include <optional>
#include <system_error>

namespace jack_server::detail {

namespace fs = std::filesystem;

namespace {

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
    bool has_internal = false;
    for (const auto& file : files)
        has_internal = has_internal || !file.filename().string().starts_with("jack_");
    if (auto profiler = source / "profiler.so"; !has_internal && fs::exists(profiler, error))
        files.push_back(profiler);
    return files;
}

// A new directory of links to files; empty when it cannot be made.
fs::path link_directory(const std::vector<fs::path>& files) {
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    std::string pattern = (runtime != nullptr && *runtime != '\0' ? std::string(runtime) : "/tmp") +
                          "/jack-server-plugins-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr)
        return {};
    fs::path dir(pattern);
    std::error_code error;
    for (const auto& file : files) {
        fs::create_symlink(file, dir / file.filename(), error);
        if (error && error != std::errc::file_exists) {
            fs::remove_all(dir, error);
            return {};
        }
    }
    return dir;
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

std::shared_ptr<const fs::path> with_plugins_only(const std::vector<std::string>& plugins,
                                                  const std::function<void()>& create) {
    auto source = jack_plugin_dir();
    if (source.empty())
        return nullptr;
    auto files = plugin_files(source, plugins);
    if (files.empty())
        return nullptr;
    auto dir = link_directory(files);
    if (dir.empty())
        return nullptr;
    std::shared_ptr<const fs::path> owner(new fs::path(dir), [](const fs::path* path) {
        std::error_code error;
        fs::remove_all(*path, error);
        delete path;
    });
    DriverDirOverride override(dir);
    create();
    return owner;
}

} // namespace jack_server::detail
