// The yaml-cpp event-parse floor for bench/benchmark.py: reads every *.yaml
// and *.yml file under the given directories and runs yaml-cpp's event parser
// over it with a handler that does nothing, on one thread. No tree, no
// decoding, no rules: what reading the files costs before telework does
// anything of its own. Its CPU time is the floor telework's cold validate is
// measured against.
//
// Build: g++ -O2 -std=c++20 yaml_floor.cpp -o yaml_floor -lyaml-cpp
// Usage: yaml_floor DIR...   prints "<files> files <events> events <errors> errors"
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

namespace {

// Counts events so the parse cannot be optimised away; keeps nothing.
class NullHandler final : public YAML::EventHandler {
  public:
    unsigned long long events = 0;
    void OnDocumentStart(const YAML::Mark&) override { ++events; }
    void OnDocumentEnd() override { ++events; }
    void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override { ++events; }
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        ++events;
    }
    void OnSequenceEnd() override { ++events; }
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        ++events;
    }
    void OnMapEnd() override { ++events; }
};

bool is_yaml(const std::filesystem::path& path) {
    const auto extension = path.extension();
    return extension == ".yaml" || extension == ".yml";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: yaml_floor DIR...\n");
        return 2;
    }
    NullHandler handler;
    unsigned long long files = 0, errors = 0;
    for (int i = 1; i < argc; ++i) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[i])) {
            if (!entry.is_regular_file() || !is_yaml(entry.path())) continue;
            // Read the whole file first, as telework does, then parse from memory.
            std::ifstream file(entry.path(), std::ios::binary);
            std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
            std::istringstream input(text);
            ++files;
            try {
                YAML::Parser parser(input);
                while (parser.HandleNextDocument(handler)) {
                }
            } catch (const YAML::Exception&) {
                ++errors;
            }
        }
    }
    std::printf("%llu files %llu events %llu errors\n", files, handler.events, errors);
    return errors ? 1 : 0;
}
