#include "binaries.hpp"

#include <cstdlib>

namespace test {

std::string jack_server_binary() {
    if (const char* chosen = std::getenv("JACK_SERVER_BINARY"); chosen != nullptr && *chosen)
        return chosen;
    return JACK_SERVER_BUILT_BINARY;
}

} // namespace test
