#include "telework/config.hpp"
#include "telework/discovery.hpp"
#include "telework/file_access.hpp"
#include "telework/profile.hpp"
#include "telework/source_text.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

using namespace telework;
namespace fs = std::filesystem;

namespace {

// A scratch tree: root/ with a record, and outside/ beside it.
struct Scratch {
    fs::path top;
    Scratch() {
        std::string pattern = (fs::temp_directory_path() / "telework-access-XXXXXX").string();
        top = ::mkdtemp(pattern.data());
        fs::create_directories(top / "root" / "sub");
        fs::create_directories(top / "outside");
        write(top / "root" / "a.yaml", "a: 1\n");
        write(top / "outside" / "secret.yaml", "secret: 1\n");
    }
    ~Scratch() { fs::remove_all(top); }
    static void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }
    ReadRoot root() const { return *ReadRoot::open(top / "root"); }
};

} // namespace

TEST_CASE("read_beneath: a file inside, and links that stay inside, are read") {
    Scratch scratch;
    fs::create_symlink("a.yaml", scratch.top / "root" / "link.yaml");
    fs::create_symlink(scratch.top / "root" / "a.yaml", scratch.top / "root" / "sub" / "absolute.yaml");
    const ReadRoot root = scratch.root();
    const auto direct = read_beneath(root, scratch.top / "root" / "a.yaml", 100);
    REQUIRE(direct.has_value());
    CHECK(direct->bytes == "a: 1\n");
    const auto linked = read_beneath(root, scratch.top / "root" / "link.yaml", 100);
    REQUIRE(linked.has_value());
    CHECK(linked->identity == direct->identity);
    // An absolute link that lands inside the root is followed too.
    CHECK(read_beneath(root, scratch.top / "root" / "sub" / "absolute.yaml", 100).has_value());
}

TEST_CASE("read_beneath: links out of the root, by any route, are refused by name") {
    Scratch scratch;
    fs::create_symlink(scratch.top / "outside" / "secret.yaml", scratch.top / "root" / "absolute.yaml");
    fs::create_symlink("../outside/secret.yaml", scratch.top / "root" / "relative.yaml");
    fs::create_symlink(scratch.top / "outside", scratch.top / "root" / "dir");
    const ReadRoot root = scratch.root();
    for (const char* name : {"absolute.yaml", "relative.yaml", "dir/secret.yaml"}) {
        CAPTURE(name);
        const auto read = read_beneath(root, scratch.top / "root" / name, 100);
        REQUIRE_FALSE(read.has_value());
        CHECK(read.error().starts_with("it is a symbolic link that leads outside"));
    }
    CHECK_FALSE(read_beneath(root, scratch.top / "outside" / "secret.yaml", 100).has_value());
    CHECK_FALSE(read_beneath(root, scratch.top / "root" / ".." / "outside" / "secret.yaml", 100).has_value());
}

TEST_CASE("read_beneath: .git is refused by name; names a case-folding file system might take for it are read "
          "the careful way") {
    Scratch scratch;
    for (const char* dir : {".git", ".GIT", "git~1"}) {
        fs::create_directories(scratch.top / "root" / dir);
        Scratch::write(scratch.top / "root" / dir / "config", std::string(dir) + "\n");
    }
    const ReadRoot root = scratch.root();
    const auto git = read_beneath(root, scratch.top / "root" / ".git" / "config", 100);
    REQUIRE_FALSE(git.has_value());
    CHECK(git.error() == "it leads into .git, which telework never reads");
    // On this (case-sensitive) file system they are other directories.
    for (const char* dir : {".GIT", "git~1"}) {
        CAPTURE(dir);
        const auto read = read_beneath(root, scratch.top / "root" / dir / "config", 100);
        REQUIRE(read.has_value());
        CHECK(read->bytes == std::string(dir) + "\n");
    }
}

TEST_CASE("ReadRoot::relative: a plainly spelled path and an unusual spelling of it give one answer") {
    Scratch scratch;
    const ReadRoot root = scratch.root();
    const std::string base = (scratch.top / "root").string();
    struct Case {
        std::string path;
        std::optional<std::string> relative;
    };
    const Case cases[] = {
        {base + "/a.yaml", "a.yaml"},
        {base + "/sub/b.yaml", "sub/b.yaml"},
        {base + "//sub/b.yaml", "sub/b.yaml"},
        {base + "/./sub/./b.yaml", "sub/b.yaml"},
        {base + "/sub/../a.yaml", "a.yaml"},
        {base + "/sub/..", ""},
        {base + "/", ""},
        {base, ""},
        {base + "/..", std::nullopt},
        {base + "/../outside/secret.yaml", std::nullopt},
        {base + "x/a.yaml", std::nullopt}, // a sibling whose name starts with the root's
        {base + "/sub/", "sub"},
        {base + "/...", "..."},
        {base + "/.hidden", ".hidden"},
    };
    for (const Case& each : cases) {
        CAPTURE(each.path);
        const auto relative = root.relative(each.path);
        REQUIRE(relative.has_value() == each.relative.has_value());
        if (relative) CHECK(relative->string() == *each.relative);
    }
}

TEST_CASE("read_beneath: FIFOs, dangling links and loops are errors; reads stop past the limit") {
    Scratch scratch;
    REQUIRE(::mkfifo((scratch.top / "root" / "pipe.yaml").c_str(), 0600) == 0);
    fs::create_symlink("missing.yaml", scratch.top / "root" / "dangling.yaml");
    fs::create_symlink("loop.yaml", scratch.top / "root" / "loop.yaml");
    Scratch::write(scratch.top / "root" / "big.yaml", std::string(5000, 'x'));
    const ReadRoot root = scratch.root();
    CHECK(read_beneath(root, scratch.top / "root" / "pipe.yaml", 100).error() == "it is a FIFO, not a regular file");
    CHECK(read_beneath(root, scratch.top / "root" / "dangling.yaml", 100).error() ==
          "it is a dangling symbolic link (its target does not exist)");
    CHECK(read_beneath(root, scratch.top / "root" / "loop.yaml", 100).error().starts_with("it is a symbolic link loop"));
    const auto big = read_beneath(root, scratch.top / "root" / "big.yaml", 100);
    REQUIRE(big.has_value());
    CHECK(big->over_limit);
    CHECK(big->bytes.size() == 100);
}

TEST_CASE("discover_files: a link out is a read error, a second name of one file is dropped") {
    Scratch scratch;
    fs::create_symlink("a.yaml", scratch.top / "root" / "b.yaml");
    fs::create_symlink(scratch.top / "outside", scratch.top / "root" / "sub" / "out");
    DiscoveryOptions options;
    options.root = scratch.top / "root";
    const Discovery found = discover_files({scratch.top / "root"}, options);
    REQUIRE(found.files.size() == 1);
    CHECK(fs::path(found.files[0].path).filename() == "a.yaml");
    REQUIRE(found.read_errors.size() == 1);
    CHECK(found.read_errors[0].find("sub/out': it is a symbolic link that leads outside") != std::string::npos);
}

TEST_CASE("discover_files: display paths are relative to the current directory, even inside the walked tree") {
    Scratch scratch;
    Scratch::write(scratch.top / "root" / "sub" / "c.yaml", "c: 1\n");
    fs::create_directories(scratch.top / "root" / "sub" / "deeper");
    Scratch::write(scratch.top / "root" / "sub" / "deeper" / "d.yaml", "d: 1\n");
    const fs::path before = fs::current_path();
    fs::current_path(scratch.top / "root" / "sub");
    DiscoveryOptions options;
    options.root = scratch.top / "root";
    const Discovery found = discover_files({scratch.top / "root"}, options);
    fs::current_path(before);
    std::vector<std::string> names;
    for (const auto& file : found.files) names.push_back(file.display_path);
    CHECK(names == std::vector<std::string>{"../a.yaml", "c.yaml", "deeper/d.yaml"});
}

TEST_CASE("discover_files: levels read in parallel give the one-thread answer; a directory with two names is walked once") {
    Scratch scratch;
    const fs::path root = scratch.top / "root";
    fs::create_directories(root / "d1" / "d2" / "d3");
    Scratch::write(root / "d1" / "x.yml", "x: 1\n");
    Scratch::write(root / "d1" / "d2" / "d3" / "deep.yaml", "deep: 1\n");
    for (int dir = 0; dir < 8; ++dir) {
        for (int file = 0; file < 12; ++file) {
            const fs::path where = root / "many" / ("unit-" + std::to_string(dir));
            fs::create_directories(where);
            Scratch::write(where / ("r" + std::to_string(file) + ".yaml"), "r: 1\n");
        }
    }
    fs::create_directories(root / ".git");
    Scratch::write(root / ".git" / "hidden.yaml", "h: 1\n");
    Scratch::write(root / "d1" / "notes.txt", "not a record\n");
    REQUIRE(::mkfifo((root / "d1" / "pipe.yaml").c_str(), 0600) == 0);
    fs::create_symlink("../d1", root / "sub" / "again"); // d1 by a second name, one level deeper
    fs::create_symlink("../..", root / "d1" / "d2" / "up"); // a loop back to the root
    DiscoveryOptions options;
    options.root = root;
    const auto listing = [&](int jobs) {
        options.jobs = jobs;
        const fs::path before = fs::current_path();
        fs::current_path(root);
        const Discovery found = discover_files({root}, options);
        fs::current_path(before);
        std::vector<std::string> lines;
        for (const auto& file : found.files) {
            lines.push_back(file.display_path + " " + file.path + (file.stamp ? " stamped" : ""));
        }
        for (const auto& error : found.read_errors) lines.push_back("error " + error);
        return lines;
    };
    const auto one = listing(1);
    CHECK(listing(2) == one);
    CHECK(listing(8) == one);
    std::vector<std::string> displays;
    for (const auto& line : one) displays.push_back(line.substr(0, line.find(' ')));
    REQUIRE(displays.size() == 1 + 3 + 8 * 12);
    CHECK(std::is_sorted(displays.begin(), displays.end()));
    const std::string top = scratch.top.string();
    CHECK(one[0] == "a.yaml " + top + "/root/a.yaml stamped");
    CHECK(one[1] == "d1/d2/d3/deep.yaml " + top + "/root/d1/d2/d3/deep.yaml stamped");
    CHECK(one[2] == "d1/pipe.yaml " + top + "/root/d1/pipe.yaml"); // no stamp: loading says what it is
    CHECK(one[3] == "d1/x.yml " + top + "/root/d1/x.yml stamped");
    CHECK(one[4] == "many/unit-0/r0.yaml " + top + "/root/many/unit-0/r0.yaml stamped");
    for (const auto& line : one) CHECK(line.find("again") == std::string::npos);
}

TEST_CASE("discover_files: a directory reached by two names at one depth is walked under the first in name order") {
    Scratch scratch;
    const fs::path root = scratch.top / "root";
    fs::create_directories(root / "a" / "x");
    Scratch::write(root / "a" / "x" / "f.yaml", "f: 1\n");
    fs::create_directories(root / "b");
    fs::create_symlink("../a/x", root / "b" / "l"); // made last: tmpfs lists it first
    fs::create_symlink(scratch.top / "outside", root / "b" / "out1");
    fs::create_symlink(scratch.top / "outside", root / "a" / "out2");
    DiscoveryOptions options;
    options.root = root;
    const fs::path before = fs::current_path();
    fs::current_path(root);
    const Discovery found = discover_files({root}, options);
    fs::current_path(before);
    REQUIRE(found.files.size() == 2); // and the scratch tree's a.yaml
    CHECK(found.files[0].display_path == "a.yaml");
    CHECK(found.files[1].display_path == "a/x/f.yaml");
    REQUIRE(found.read_errors.size() == 2);
    CHECK(found.read_errors[0].starts_with("cannot read 'a/out2'"));
    CHECK(found.read_errors[1].starts_with("cannot read 'b/out1'"));
}

TEST_CASE("glob_match: many '**' on a deep path answer at once, with the same meaning as one") {
    std::string deep;
    for (int i = 0; i < 60; ++i) deep += "d/";
    std::string stars;
    for (int i = 0; i < 30; ++i) stars += "**/";
    CHECK_FALSE(glob_match(stars + "b", deep + "a.yaml"));
    CHECK(glob_match(stars + "a.yaml", deep + "a.yaml"));
    CHECK(glob_match("**/d/**/*.yaml", deep + "a.yaml"));
    CHECK(glob_match("*a*b*c*d*e*f*", "xaxbxcxdxexfx"));
    CHECK_FALSE(glob_match("*a*b*c*d*e*f*g", std::string(200, 'a')));
}

TEST_CASE("SourceText: columns count code points on long lines, wherever the checkpoints fall") {
    std::string line = "k: [";
    for (int i = 0; i < 1000; ++i) line += "\xC3\xA9,"; // é, two bytes
    const SourceText source(line + "]\n");
    CHECK(source.position_of(0, 4) == Position{1, 5});
    CHECK(source.position_of(0, 4 + 3 * 999) == Position{1, 5 + 2 * 999});
    CHECK(source.position_at(line.size()) == Position{1, 5 + 2 * 1000});
    // And back: a column to its byte on the line, and past the line's end.
    CHECK(source.offset_of(Position{1, 5 + 2 * 999}).byte == 4 + 3 * 999);
    CHECK(source.offset_of(Position{1, 1}).byte == 0);
    const auto beyond = source.offset_of(Position{1, 5 + 2 * 1000 + 1 + 3});
    CHECK(beyond.byte == line.size() + 1);
    CHECK(beyond.past_end == 3);
}

TEST_CASE("SourceText: an ASCII line next to lines with other characters maps columns to bytes both ways") {
    const SourceText ascii("a: 1\r\nbb: 2\n");
    CHECK(ascii.position_of(1, 4) == Position{2, 5});
    CHECK(ascii.position_at(6) == Position{2, 1});
    CHECK(ascii.offset_of(Position{2, 5}).byte == 4);
    const auto past = ascii.offset_of(Position{2, 9});
    CHECK(past.byte == 5);
    CHECK(past.past_end == 3);

    const SourceText mixed("name: Zo\xC3\xAB\nid: x\nb: [\xC3\xA9, y]\n");
    CHECK(mixed.position_of(0, 10) == Position{1, 10});
    CHECK(mixed.position_of(1, 4) == Position{2, 5});
    CHECK(mixed.position_of(2, 8) == Position{3, 8});
    CHECK(mixed.position_at(std::string_view("name: Zo\xC3\xAB\nid: ").size()) == Position{2, 5});
    CHECK(mixed.offset_of(Position{2, 5}).byte == 4);
    CHECK(mixed.offset_of(Position{3, 8}).byte == 8);
    CHECK(mixed.offset_of(Position{1, 9}).byte == 8);
}

namespace {

// The line index read one byte at a time: a line ends at LF, or at a CR not
// followed by LF; a line is ASCII when no byte of it is 0x80 or above.
void check_line_index(const std::string& text) {
    std::vector<std::size_t> starts{0};
    std::vector<bool> ascii{true};
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) ascii.back() = false;
        if (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
            starts.push_back(i + 1);
            ascii.push_back(true);
        }
    }
    const SourceText source(text);
    REQUIRE(source.line_count() == static_cast<int>(starts.size()));
    for (std::size_t n = 0; n < starts.size(); ++n) {
        const std::size_t end = n + 1 < starts.size() ? starts[n + 1] : text.size();
        std::string_view expected = std::string_view(text).substr(starts[n], end - starts[n]);
        while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r')) expected.remove_suffix(1);
        CHECK(source.line(static_cast<int>(n + 1)) == expected);
        // An ASCII line maps a byte column to column byte + 1; any other counts code points.
        const auto bytes = static_cast<int>(expected.size());
        const int column = (ascii[n] ? bytes : count_code_points(expected)) + 1;
        CHECK(source.position_of(static_cast<int>(n), bytes) == Position{static_cast<int>(n + 1), column});
        CHECK(source.position_at(starts[n]) == Position{static_cast<int>(n + 1), 1});
    }
}

// The first byte that is NUL or starts no valid UTF-8 sequence, one code point at a time.
std::size_t first_invalid_utf8(std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t start = i;
        const auto c = next_code_point(bytes, i);
        if (!c || *c == 0) return start;
    }
    return std::string_view::npos;
}

} // namespace

TEST_CASE("SourceText: lines and ASCII flags agree with a byte-by-byte reading of LF, CRLF, lone CR and other characters") {
    // Over LF, CR, 'a' and the two bytes of an e-acute (so also a lone
    // continuation byte): every text of up to 7 bytes, then longer ones that
    // the eight-byte scans see whole words of.
    const std::string alphabet = "\n\ra\xC3\xA9";
    std::vector<std::size_t> digits;
    int texts = 0;
    for (std::size_t length = 0; length <= 7; ++length) {
        digits.assign(length, 0);
        while (true) {
            std::string text;
            for (const auto d : digits) text += alphabet[d];
            INFO("text #", texts);
            check_line_index(text);
            ++texts;
            std::size_t k = 0;
            while (k < length && ++digits[k] == alphabet.size()) digits[k++] = 0;
            if (k == length) break;
        }
    }
    CHECK(texts == 1 + 5 + 25 + 125 + 625 + 3125 + 15625 + 78125);
    const std::string mostly_plain = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n\n\r\xC3\xA9";
    std::uint32_t state = 12345;
    for (int i = 0; i < 20000; ++i) {
        std::string text;
        const auto length = static_cast<std::size_t>(8 + i % 41);
        for (std::size_t k = 0; k < length; ++k) {
            state = state * 1664525U + 1013904223U;
            text += mostly_plain[(state >> 8) % mostly_plain.size()];
        }
        INFO("longer text #", i);
        check_line_index(text);
    }
}

TEST_CASE("find_invalid_utf8: the eight-byte fast path finds what one code point at a time finds, wherever it lies") {
    const std::vector<std::string> oddities = {std::string(1, '\0'), "\x80", "\xC3", "\xC3\xA9", "\xE2\x82\xAC",
                                               "\xF0\x9F\x98\x80", "\xC0\xAF", "\xED\xA0\x80", "\xFF", "\x7F"};
    for (const auto& oddity : oddities) {
        for (std::size_t at = 0; at <= 24; ++at) {
            for (const std::size_t after : {0UL, 1UL, 7UL, 8UL, 9UL, 17UL}) {
                const std::string text = std::string(at, 'a') + oddity + std::string(after, 'b');
                INFO("oddity of ", oddity.size(), " bytes at ", at, ", ", after, " after");
                CHECK(find_invalid_utf8(text) == first_invalid_utf8(text));
            }
        }
    }
    CHECK(find_invalid_utf8(std::string(23, 'a') + '\0') == 23);
    CHECK(find_invalid_utf8(std::string(40, 'a') + "\xC3\xA9") == std::string::npos);
}

TEST_CASE("parse_config: inputs that hit toml++ 3.3.0's bugs are errors, not undefined behaviour (src/toml_headers.hpp)") {
    const fs::path file = "telework.toml";
    using namespace std::string_literals;
    // '[' then NUL: toml++'s parse_key asserts (or, under clang with NDEBUG, assumes) a key character.
    const auto nul = parse_config("[\0\0x]\n"s, file);
    REQUIRE_FALSE(nul.has_value());
    CHECK(nul.error().to_string().starts_with("telework.toml:1:2: not valid TOML"));
    // Non-whitespace code points where toml++ looks for whitespace reached TOML_UNREACHABLE
    // (U+FCFF opening the file; U+00A7 after a line-ending backslash, toml++ issue 190).
    for (const std::string& text : {"\xef\xb3\xbf[telework]\n"s, "s = \"\"\"\\\n\xc2\xa7\"\"\"\n"s, "\xcc\xaa"s}) {
        const auto parsed = parse_config(text, file);
        CHECK_FALSE(parsed.has_value());
    }
}

TEST_CASE("parse_config: size, nesting and dotted keys are capped before toml++ parses") {
    const fs::path file = "telework.toml";
    const auto deep = parse_config("a = " + std::string(40, '[') + std::string(40, ']') + "\n", file);
    REQUIRE_FALSE(deep.has_value());
    CHECK(deep.error().to_string() == "telework.toml:1:37: more than 32 nested arrays or tables");
    std::string dotted = "[a";
    for (int i = 0; i < 40; ++i) dotted += ".a";
    const auto keys = parse_config(dotted + "]\n", file);
    REQUIRE_FALSE(keys.has_value());
    CHECK(keys.error().to_string() == "telework.toml:1:67: more than 32 dots in one line's keys and values");
    // Brackets and dots inside strings and comments do not count.
    const auto quoted = parse_config("# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ . . .\n[telework]\nexclude = [\"" +
                                         std::string(40, '[') + std::string(40, '.') + "\"]\n",
                                     file);
    CHECK(quoted.has_value());
    CHECK_FALSE(parse_config(std::string(1024 * 1024 + 1, '#'), file).has_value());
    // Threshold names and ranges depend on the profiles: configure_profiles checks them.
    const auto huge = parse_config("[thresholds]\nmax_term_months = 9007199254740993\n", file);
    REQUIRE(huge.has_value());
    const auto configured = configure_profiles(*huge);
    REQUIRE_FALSE(configured.has_value());
    CHECK(configured.error().to_string() == "telework.toml:2:19: threshold 'max_term_months' must be a whole number from 0 to 3660");
}
