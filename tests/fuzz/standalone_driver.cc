// Runs a libFuzzer target without libFuzzer: a fixed-seed stream of random inputs and
// mutations of protocol-shaped seeds, so every build (gcc included) exercises the parsers.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

const char* const kSeeds[] = {
    "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n",
    "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n",
    "PING\r\n",
    "set k 0 0 1\r\nv\r\n",
    "get a b c\r\n",
    "gets k\r\n",
    "cas k 0 0 1 5\r\nv\r\n",
    "incr k 5\r\n",
    "\x80\x01\x00\x01\x08\x00\x00\x00\x00\x00\x00\x0a\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00k\x00",
    "*-1\r\n",
    "*1\r\n$-1\r\n",
    "$5\r\nhello\r\n",
};

}  // namespace

int main(int argc, char** argv) {
    long iterations = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 100000;
    std::mt19937_64 rng(0x1a2de5);
    std::vector<std::string> seeds(std::begin(kSeeds), std::end(kSeeds));
    seeds.emplace_back(std::string("\x80\x00\x00\x00", 4) + std::string(20, '\0'));
    for (long i = 0; i < iterations; ++i) {
        std::string input;
        switch (rng() % 4) {
            case 0: {  // pure noise
                size_t n = rng() % 64;
                for (size_t j = 0; j < n; ++j) input.push_back(static_cast<char>(rng()));
                break;
            }
            default: {  // seed(s) with byte flips, inserts and truncation
                size_t parts = 1 + rng() % 3;
                for (size_t p = 0; p < parts; ++p) input += seeds[rng() % seeds.size()];
                size_t edits = rng() % 4;
                for (size_t e = 0; e < edits && !input.empty(); ++e) {
                    size_t pos = rng() % input.size();
                    switch (rng() % 3) {
                        case 0: input[pos] = static_cast<char>(rng()); break;
                        case 1: input.insert(pos, 1, "0123456789-*$\r\n :"[rng() % 17]); break;
                        default: input.resize(pos); break;
                    }
                }
            }
        }
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
    }
    return 0;
}
