#pragma once

#include <string>

namespace test {

// The jack-server binary under test: $JACK_SERVER_BINARY when set (ctest sets
// it to run the e2e suite again against another build of the program, such
// as jack-server-posix), otherwise the one this build made.
std::string jack_server_binary();

} // namespace test
