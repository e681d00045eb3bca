#include "telework/drafting.hpp"
#include "telework/record_writer.hpp"
#include "telework/record.hpp"
#include "telework/yaml_loader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace telework;

namespace {

// Walks a parsed tree beside what the writer says it wrote: the same keys,
// values and positions, in the same order.
void compare(const YamlNode& node, const std::string& path, const WrittenRecord& written, std::size_t& next) {
    if (!path.empty()) {
        REQUIRE(next < written.positions.size());
        const WrittenPosition& expected = written.positions[next++];
        CHECK(expected.path == path);
        if (node.is_scalar() || node.is_null()) {
            CHECK_MESSAGE(expected.value == node.pos, path);
        }
    }
    if (node.is_mapping()) {
        for (const auto& entry : node.entries) {
            const std::size_t at = next;
            if (at < written.positions.size()) CHECK_MESSAGE(written.positions[at].key == entry.key_pos, entry.key);
            compare(entry.value, path.empty() ? entry.key : path + "." + entry.key, written, next);
        }
    } else if (node.is_sequence()) {
        for (std::size_t i = 0; i < node.items.size(); ++i) compare(node.items[i], path + "[" + std::to_string(i) + "]", written, next);
    }
}

YamlNode parse_back(const WrittenRecord& written) {
    const YamlDocument document = parse_yaml(SourceText(written.text));
    for (const auto& finding : document.findings) FAIL_CHECK(finding.rule << ": " << finding.message);
    REQUIRE(document.root.has_value());
    return *document.root;
}

const std::vector<std::string> hostile = {
    "plain",
    "two\nlines",
    "key: value",
    "# not a comment",
    "*alias",
    "&anchor x",
    "!!python/object:os.system",
    "!tag",
    "- item",
    "[flow, list]",
    "{flow: map}",
    "\"quoted\" and 'single'",
    "back\\slash \\n not a newline",
    "tab\there",
    "nul-free \x01\x07\x1b[31m escape",
    "del \x7f",
    "c1 \xc2\x85 next line",
    "line separator \xe2\x80\xa8 and \xe2\x80\xa9",
    "bidi \xe2\x80\xae reversed",
    "bom \xef\xbb\xbf inside",
    "---",
    "...",
    "yes",
    "null",
    "~",
    "123",
    "2026-03-01",
    " leading and trailing ",
    "",
    "% directive",
    "@ reserved",
    "` reserved",
    "| block",
    "> folded",
    "unicode \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80",
};

} // namespace

TEST_CASE("record_writer: hostile strings read back as exactly themselves, at the written positions") {
    DraftNode root = DraftNode::mapping();
    root.set("format", DraftNode::token("1"));
    DraftNode& employee = root.set("employee", DraftNode::mapping());
    DraftNode duties = DraftNode::sequence();
    for (const auto& text : hostile) duties.items.push_back(DraftNode::string(text));
    employee.set("name", DraftNode::string("x: y\n# z"));
    root.set("duties", std::move(duties));
    root.set("notes", DraftNode::null("a comment\nwith: a newline\r# and more"));
    const WrittenRecord written = write_record(root, "../schemas/agreement.schema.json");
    CHECK(written.text.starts_with("# yaml-language-server: $schema=../schemas/agreement.schema.json\n"));
    const YamlNode back = parse_back(written);
    REQUIRE(back.is_mapping());
    REQUIRE(back.entries.size() == 4); // nothing was added by a value or a comment
    CHECK(back.find("employee")->find("name")->text == "x: y\n# z");
    const YamlNode* list = back.find("duties");
    REQUIRE(list->items.size() == hostile.size());
    for (std::size_t i = 0; i < hostile.size(); ++i) {
        CHECK(list->items[i].is_scalar());
        CHECK(list->items[i].quoted);
        CHECK(list->items[i].text == hostile[i]);
    }
    CHECK(back.find("notes")->is_null());
    std::size_t next = 0;
    compare(back, "", written, next);
    CHECK(next == written.positions.size());
}

TEST_CASE("record_writer: keys in the order of the format page, plain tokens plain") {
    DraftNode root = DraftNode::mapping();
    root.set("notes", DraftNode::string("n"));
    root.set("term", DraftNode::mapping()).set("end", DraftNode::token("2026-11-30"));
    root.at("term")->set("start", DraftNode::token("2026-03-01"));
    root.set("id", DraftNode::token("TW-2026-0142"));
    root.set("format", DraftNode::token("1"));
    DraftNode& schedule = root.set("schedule", DraftNode::mapping());
    DraftNode days = DraftNode::sequence();
    days.items.push_back(DraftNode::token("tue"));
    days.items.push_back(DraftNode::token("thu"));
    schedule.set("telework_days", std::move(days));
    schedule.set("workweek_days", DraftNode::token("5"));
    order_keys(root);
    const WrittenRecord written = write_record(root, "s.json");
    CHECK(written.text == "# yaml-language-server: $schema=s.json\n"
                          "format: 1\n"
                          "id: TW-2026-0142\n"
                          "schedule:\n"
                          "  workweek_days: 5\n"
                          "  telework_days: [tue, thu]\n"
                          "term:\n"
                          "  start: 2026-03-01\n"
                          "  end: 2026-11-30\n"
                          "notes: \"n\"\n");
    std::size_t next = 0;
    compare(parse_back(written), "", written, next);
}

TEST_CASE("record_writer: a parsed record is written back with its quoting kept where it matters") {
    const std::string text = "format: 1\nid: TW-1\nname: 'yes'\nphone: \"+1-860\"\nflag: true\nwhen: 2026-01-01\n"
                             "what: Jane Q. Doe\nequipment:\n  - {item: laptop, provided_by: agency}\n";
    const YamlDocument document = parse_yaml(SourceText(text));
    REQUIRE(document.root.has_value());
    const WrittenRecord written = write_record(draft_from_yaml(*document.root), "s");
    CHECK(written.text == "# yaml-language-server: $schema=s\n"
                          "format: 1\nid: TW-1\nname: \"yes\"\nphone: \"+1-860\"\nflag: true\nwhen: 2026-01-01\n"
                          "what: \"Jane Q. Doe\"\nequipment:\n  - item: laptop\n    provided_by: agency\n");
    std::size_t next = 0;
    compare(parse_back(written), "", written, next);
}

TEST_CASE("is_plain_token: only text every YAML reader reads back the same") {
    for (const char* ok : {"true", "false", "5", "-3", "2026-03-01", "home", "agency_head", "TW-2026-0142"}) {
        CHECK_MESSAGE(is_plain_token(ok), ok);
    }
    for (const char* no : {"", "yes", "no", "null", "on", "Home", "a b", "a:b", "TW-", "-", "2026-3-01", "1234567890",
                           "*x", "&x", "!x", "#x", "x#", "TW--1"}) {
        CHECK_MESSAGE(!is_plain_token(no), no);
    }
}

TEST_CASE("next_record_id follows the repo's most common pattern") {
    CHECK(next_record_id({}, 2026) == "TW-2026-0001");
    CHECK(next_record_id({"DRS-TW-2026-000123", "DRS-TW-2026-000007"}, 2026) == "DRS-TW-2026-000124");
    CHECK(next_record_id({"TW-2026-0142", "TW-2026-0143", "X-9"}, 2027) == "TW-2026-0144");
    CHECK(next_record_id({"TW-2026-9999"}, 2026) == "TW-2026-10000");
    CHECK(next_record_id({"NODIGITS-X"}, 2026) == "TW-2026-0001");
}

TEST_CASE("last_term_day: the longest term the profile's rules and renewal allow") {
    RunSettings settings;
    const Date start = *Date::parse("2026-03-01");
    const auto last = [&](std::string_view id) {
        const Profile* profile = settings.profiles->find(id);
        REQUIRE(profile != nullptr);
        return last_term_day(settings, *profile, start).to_string();
    };
    CHECK(last("ct-gl32") == "2026-11-30"); // CT201: 9 months
    CHECK(last("opm") == "2027-02-28");     // annual renewal: 12 months
    CHECK(last("tx-658") == "2027-02-28");  // TX max term: renewal_months
    CHECK(last("ny-its") == "2026-06-30");  // the period ends each June 30
    CHECK(last_term_day(settings, *settings.profiles->find("ct-gl32"), *Date::parse("2026-05-31")).to_string() ==
          "2027-02-27"); // the format page's clamping
}

TEST_CASE("draft_renewal: the next term, supersedes, and stale dated facts cleared by the profile's own rules") {
    RunSettings settings;
    settings.default_profile = "ny-its";
    settings.as_of = *Date::parse("2026-06-01");
    const std::string text = "format: 1\nid: NY-2025-0007\nstatus: approved\ntype: routine\nagency: ITS\n"
                             "employee: {id: E1, name: Ana, position: Analyst}\nsupervisor: {name: Bo}\n"
                             "manager: {name: Cy}\nterm: {start: 2025-07-01, end: 2026-06-30}\n"
                             "request: {kind: new, date: 2025-06-10}\n"
                             "training: {telework: 2025-06-01, it_security: 2026-05-01}\n"
                             "signatures:\n  supervisor: {name: Bo, date: 2025-06-20}\n"
                             "  manager: {name: Cy, date: 2025-06-21}\n";
    const RecordFile file = decode_record(text, "a.yaml", "a.yaml", settings.load);
    REQUIRE(file.has_agreement());
    DraftNode draft = draft_renewal(file, "NY-2026-0008", settings, *settings.profiles->find("ny-its"));
    const WrittenRecord written = write_record(draft, "s");
    INFO(written.text);
    CHECK(draft.at("id")->text == "NY-2026-0008");
    CHECK(draft.at("supersedes")->text == "NY-2025-0007");
    CHECK(draft.at("status")->text == "proposed");
    CHECK(draft.at("term.start")->text == "2026-07-01"); // the day after the old term
    CHECK(draft.at("term.end")->text == "2027-06-30");   // the next June 30
    CHECK(draft.at("request.kind")->text == "renewal");
    CHECK(draft.at("request.date")->kind == DraftNode::Kind::Null);
    // NY309: training more than 12 months before the successor's approval.
    CHECK(draft.at("training.telework")->kind == DraftNode::Kind::Null);
    CHECK(draft.at("training.telework")->comment.find("NY309") != std::string::npos);
    CHECK(draft.at("training.it_security")->text == "2026-05-01"); // recent enough: kept
    CHECK(draft.at("signatures")->kind == DraftNode::Kind::Null);
    std::size_t next = 0;
    compare(parse_back(written), "", written, next);
}

TEST_CASE("modeline_schema: a renewal carries over only a plain schema path") {
    CHECK(modeline_schema("# yaml-language-server: $schema=../../schemas/agreement.schema.json\nformat: 1\n") ==
          "../../schemas/agreement.schema.json");
    CHECK_FALSE(modeline_schema("# yaml-language-server: $schema=x\rid: EVIL-1\n").has_value());
    CHECK_FALSE(modeline_schema("# yaml-language-server: $schema=a b\n").has_value());
    CHECK_FALSE(modeline_schema("format: 1\n").has_value());
    CHECK(schema_path_for("/r/agreements/audit", "/r") == "../../schemas/agreement.schema.json");
}
