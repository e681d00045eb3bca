#include "record_fixture.hpp"
#include "telework/yaml_loader.hpp"

#include <doctest/doctest.h>

using namespace telework;

namespace {

YamlDocument parse(std::string text) {
    static std::vector<SourceText> keep; // findings refer to positions only, but keep sources alive anyway
    keep.emplace_back(std::move(text));
    return parse_yaml(keep.back());
}

std::string only_rule(const YamlDocument& document) {
    REQUIRE(document.findings.size() == 1);
    return document.findings.front().rule;
}

} // namespace

TEST_CASE("TW001 yaml-syntax: broken syntax, several documents, empty, not a mapping") {
    const auto unclosed = parse("a: [1, 2\nb: 3\n");
    CHECK(only_rule(unclosed) == "TW001");
    CHECK_FALSE(unclosed.root.has_value());

    const auto two = parse("a: 1\n---\nb: 2\n");
    CHECK(only_rule(two) == "TW001");
    CHECK(two.findings.front().pos == Position{2, 1});

    CHECK(only_rule(parse("")) == "TW001");
    CHECK(only_rule(parse("# only a comment\n")) == "TW001");
    CHECK(only_rule(parse("- a\n- b\n")) == "TW001");
    CHECK(only_rule(parse("just a scalar\n")) == "TW001");
    CHECK(only_rule(parse(std::string("a: \xff\xfe\n"))) == "TW001");
}

TEST_CASE("TW001 near miss: one document with a leading '---' and a trailing comment") {
    const auto document = parse("---\na: 1\n# end\n");
    CHECK(document.findings.empty());
    REQUIRE(document.root.has_value());
    CHECK(document.root->is_mapping());
}

TEST_CASE("TW003 duplicate-key: the second key is reported, the first is kept") {
    const auto document = parse("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n");
    REQUIRE(document.findings.size() == 2);
    CHECK(document.findings[0].rule == "TW003");
    CHECK(document.findings[0].pos == Position{4, 3});
    CHECK(document.findings[1].pos == Position{5, 1});
    REQUIRE(document.root.has_value());
    CHECK(document.root->find("a")->text == "1");
    CHECK(document.root->find("b")->entries.size() == 1);
}

TEST_CASE("TW003 duplicate-key: found the same way in a mapping with many keys") {
    std::string text;
    for (int i = 1; i <= 40; ++i) text += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
    text += "k3: again\nk40: again\nk41: new\n";
    const auto document = parse(text);
    REQUIRE(document.findings.size() == 2);
    CHECK(document.findings[0].rule == "TW003");
    CHECK(document.findings[0].pos == Position{41, 1});
    CHECK(document.findings[0].message.find("first at line 3, column 1") != std::string::npos);
    CHECK(document.findings[1].pos == Position{42, 1});
    CHECK(document.findings[1].message.find("first at line 40, column 1") != std::string::npos);
    REQUIRE(document.root.has_value());
    CHECK(document.root->entries.size() == 41);
    CHECK(document.root->find("k3")->text == "3");
    CHECK(document.root->find("k41")->text == "new");
}

TEST_CASE("TW003 near miss: the same key in two different mappings") {
    CHECK(parse("a:\n  name: x\nb:\n  name: y\n").findings.empty());
}

TEST_CASE("TW003 near miss: a key repeated at every level while the mappings around it are open") {
    // The children of open nodes wait on one stack; each mapping judges only
    // its own keys, and each node gets its own children in order.
    std::string text;
    for (int i = 1; i <= 40; ++i) text += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
    text += "list:\n"
            "  - k1: a\n"
            "    k2: {k1: b, k3: [k1, k2]}\n"
            "  - k1: c\n"
            "    k1: d\n"
            "k41: last\n";
    const auto document = parse(text);
    REQUIRE(document.findings.size() == 1);
    CHECK(document.findings[0].rule == "TW003");
    CHECK(document.findings[0].pos == Position{45, 5});
    CHECK(document.findings[0].message.find("first at line 44, column 5") != std::string::npos);
    REQUIRE(document.root.has_value());
    CHECK(document.root->entries.size() == 42);
    CHECK(document.root->find("k41")->text == "last");
    const YamlNode* list = document.root->find("list");
    REQUIRE(list != nullptr);
    REQUIRE(list->items.size() == 2);
    REQUIRE(list->items[0].entries.size() == 2);
    CHECK(list->items[0].find("k1")->text == "a");
    const YamlNode* inner = list->items[0].find("k2");
    REQUIRE(inner != nullptr);
    REQUIRE(inner->entries.size() == 2);
    CHECK(inner->find("k1")->text == "b");
    REQUIRE(inner->find("k3")->items.size() == 2);
    CHECK(inner->find("k3")->items[1].text == "k2");
    REQUIRE(list->items[1].entries.size() == 1);
    CHECK(list->items[1].find("k1")->text == "c");
}

TEST_CASE("TW007 unsafe-yaml: anchors, aliases, tags and deep nesting are refused") {
    CHECK(only_rule(parse("a: &x 1\n")) == "TW007");
    CHECK(only_rule(parse("a: !custom 1\n")) == "TW007");
    CHECK(only_rule(parse("a: !!str 1\n")) == "TW007");
    CHECK(only_rule(parse("a: " + std::string(100000, '[') + "\n")) == "TW007");
    CHECK_FALSE(parse("a: &x [1]\nb: *x\n").root.has_value());
    const auto oversized = parse_yaml(SourceText(std::string(2000, 'a')), YamlLimits{1000, 64});
    CHECK(only_rule(oversized) == "TW007");
}

TEST_CASE("TW007 near miss: '&' and '!' inside quoted strings, and 64 levels of nesting") {
    CHECK(parse("a: \"Smith & Sons!\"\nb: '*star*'\n").findings.empty());
    std::string nested = "a: ";
    for (int i = 0; i < 63; ++i) nested += "[";
    for (int i = 0; i < 63; ++i) nested += "]";
    CHECK(parse(nested + "\n").findings.empty());
}

TEST_CASE("positions survive a byte-order mark, CRLF line ends and multibyte characters") {
    const auto document = parse("\xEF\xBB\xBF" "a: 1\r\nname: Zo\xC3\xAB\r\nb: [\xC3\xA9t\xC3\xA9, x]\r\n");
    REQUIRE(document.root.has_value());
    CHECK(document.root->entries[0].key_pos == Position{1, 1});
    CHECK(document.root->find("name")->pos == Position{2, 7});
    CHECK(document.root->find("name")->text == "Zo\xC3\xAB");
    CHECK(document.root->find("b")->items[1].pos == Position{3, 10});
}

TEST_CASE("scalars remember whether they were quoted") {
    const auto document = parse("a: true\nb: \"true\"\nc: |\n  text\nd:\n");
    REQUIRE(document.root.has_value());
    CHECK_FALSE(document.root->find("a")->quoted);
    CHECK(document.root->find("b")->quoted);
    CHECK(document.root->find("c")->quoted);
    CHECK(document.root->find("d")->is_null());
}
