#include "plugin_dir.hpp"

#include <cstdlib>
#include <dlfcn.h>
#include <jack/control.h>
#include <system_error>

namespace jack_server::cli {

std::filesystem::path jack_plugin_dir() {
    if (const char* dir = std::getenv("JACK_DRIVER_DIR"); dir != nullptr && *dir != '\0')
        return dir;
    // libjackserver was built with its plugin directory, <libdir>/jack; find
    // <libdir> from the library itself rather than guessing a Debian path.
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&jackctl_server_create2), &info) == 0 ||
        info.dli_fname == nullptr)
        return {};
    std::error_code error;
    auto library = std::filesystem::canonical(info.dli_fname, error);
    if (error)
        return {};
    return library.parent_path() / "jack";
}

std::optional<PluginDir> PluginDir::create(const std::vector<std::string>& plugins) {
    auto source = jack_plugin_dir();
    if (source.empty())
        return std::nullopt;
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& name : plugins) {
        if (name.empty() || name.find('/') != std::string::npos)
            return std::nullopt;
        auto driver = source / ("jack_" + name + ".so");
        auto internal = source / (name + ".so");
        if (std::filesystem::exists(driver, error))
            files.push_back(driver);
        else if (std::filesystem::exists(internal, error))
            files.push_back(internal);
        else
            return std::nullopt;
    }
    // libjackserver reports an error when it finds no internal client at all:
    // give it the smallest one when none was named.
    bool has_internal = false;
    for (const auto& file : files)
        has_internal = has_internal || !file.filename().string().starts_with("jack_");
    if (auto profiler = source / "profiler.so";
        !has_internal && std::filesystem::exists(profiler, error))
        files.push_back(profiler);
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    std::string pattern = (runtime != nullptr && *runtime != '\0' ? std::string(runtime) : "/tmp") +
                          "/jack-server-plugins-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr)
        return std::nullopt;
    std::filesystem::path dir(pattern);
    for (const auto& file : files) {
        std::filesystem::create_symlink(file, dir / file.filename(), error);
        if (error && error != std::errc::file_exists) {
            std::filesystem::remove_all(dir, error);
            return std::nullopt;
        }
    }
    std::optional<std::string> previous;
    if (const char* value = std::getenv("JACK_DRIVER_DIR"))
        previous = value;
    setenv("JACK_DRIVER_DIR", dir.c_str(), 1);
    return PluginDir(dir, previous);
}

PluginDir::PluginDir(std::filesystem::path path, std::optional<std::string> previous)
    : path_(std::move(path)), previous_(std::move(previous)) {}

PluginDir::PluginDir(PluginDir&& other) noexcept
    : path_(std::move(other.path_)), previous_(std::move(other.previous_)) {
    other.path_.clear();
}

PluginDir::~PluginDir() {
    if (path_.empty())
        return;
    if (previous_)
        setenv("JACK_DRIVER_DIR", previous_->c_str(), 1);
    else
        unsetenv("JACK_DRIVER_DIR");
    std::error_code error;
    std::filesystem::remove_all(path_, error);
}

} // namespace jack_server::cli
