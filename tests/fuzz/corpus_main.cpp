// SPDX-License-Identifier: GPL-2.0-or-later
// Runs a fuzz target once on each file given (or each file in each directory
// given), without libFuzzer: the corpus becomes a regression test that g++
// builds. Exits 0 when every input passed; a failing input aborts.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run_one(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::fprintf(stderr, "corpus: %s\n", path.c_str());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

} // namespace

int main(int argc, char** argv) {
    std::size_t count = 0;
    for (int i = 1; i < argc; ++i) {
        std::filesystem::path path(argv[i]);
        if (std::filesystem::is_directory(path)) {
            for (const auto& entry : std::filesystem::directory_iterator(path))
                if (entry.is_regular_file()) {
                    run_one(entry.path());
                    ++count;
                }
        } else {
            run_one(path);
            ++count;
        }
    }
    std::printf("%zu inputs passed\n", count);
    return count == 0 ? 1 : 0;
}
