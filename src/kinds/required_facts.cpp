#include "kind.hpp"

namespace telework::kinds {

namespace {

// Each listed fact is given: not absent, null, an empty string or an empty
// list. A fact inside a block that a listed fact reports missing is not
// reported again; a malformed fact (TW002) is skipped.
class RequiredFacts final : public Check {
public:
    // A block around a fact, and whether it is listed here too.
    struct Block {
        const FactPath* fact = nullptr;
        bool listed = false;
    };

    struct Entry {
        const FactPath* fact = nullptr;
        std::string why;
        std::optional<Template> message;
        bool null_ok = false; // null records "does not apply" (OPM105's reapply_after)
        std::vector<Block> enclosing; // innermost first; filled by the constructor
    };

    RequiredFacts(std::vector<Entry> entries, std::optional<Template> message)
        : entries_(std::move(entries)), message_(std::move(message)) {
        // The blocks around each fact are the same for every record: found
        // once here rather than looked up by name per record.
        for (Entry& entry : entries_) {
            const std::string_view path = entry.fact->path;
            for (auto dot = path.rfind('.'); dot != std::string_view::npos; dot = path.rfind('.', dot - 1)) {
                const std::string_view block = path.substr(0, dot);
                if (const FactPath* fact = find_fact(block)) {
                    const bool listed = std::any_of(entries_.begin(), entries_.end(),
                                                    [&](const Entry& e) { return e.fact->path == block; });
                    entry.enclosing.push_back(Block{fact, listed});
                }
                if (dot == 0) break;
            }
        }
    }

    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        for (const Entry& entry : entries_) {
            if (!enclosing_blocks_given(ctx.record, entry.enclosing)) continue;
            const FactView view = entry.fact->get(ctx.record);
            if (view.invalid()) continue;
            const bool lacking = entry.null_ok ? view.presence == Presence::Absent : view.lacks();
            if (!lacking) continue;
            const std::string missing = missing_words(view, entry.fact->path);
            const Template* message = entry.message ? &*entry.message : message_ ? &*message_ : nullptr;
            if (message) {
                out.fail(view.pos, message->render({{"fact", entry.fact->path},
                                                    {"why", entry.why},
                                                    {"status", status_word(ctx.record)},
                                                    {"missing", missing}}));
            } else {
                out.fail(view.pos, fmt::format("{} agreement lacks '{}'{}", status_word(ctx.record), entry.fact->path,
                                               entry.why.empty() ? "" : fmt::format(" ({})", entry.why)));
            }
        }
    }

private:
    // False when a block enclosing the fact is malformed, or is listed here and not given.
    static bool enclosing_blocks_given(const Agreement& record, const std::vector<Block>& blocks) {
        for (const Block& block : blocks) {
            const FactView view = block.fact->get(record);
            if (view.invalid()) return false;
            if (block.listed && !view.present()) return false;
        }
        return true;
    }

    std::vector<Entry> entries_;
    std::optional<Template> message_;
};

constexpr std::array<std::string_view, 4> placeholders = {"fact", "why", "status", "missing"};

} // namespace

std::shared_ptr<const Check> parse_required_facts(Params& params) {
    std::vector<RequiredFacts::Entry> entries;
    const toml::array& facts = params.list("facts", "a list of key paths or of { fact = ..., why = ... }");
    for (const toml::node& item : facts) {
        RequiredFacts::Entry entry;
        if (item.as_string()) {
            entry.fact = &params.fact_at(item, "facts");
        } else if (const auto* table = item.as_table()) {
            for (const auto& [key, value] : *table) {
                if (key == "fact") {
                    entry.fact = &params.fact_at(value, "facts");
                } else if (key == "why" && value.as_string()) {
                    entry.why = value.as_string()->get();
                } else if (key == "message") {
                    entry.message = params.message_at(value, placeholders);
                } else if (key == "null_ok" && value.as_boolean()) {
                    entry.null_ok = value.as_boolean()->get();
                } else {
                    static constexpr std::array<std::string_view, 4> known = {"fact", "why", "message", "null_ok"};
                    toml_reading::unknown_key(key, "facts", known);
                }
            }
            if (!entry.fact) params.fail_at(item, "each entry of 'facts' needs 'fact'");
        } else {
            params.fail_at(item, "each entry of 'facts' is a key path or a table { fact = ..., why = ... }");
        }
        entries.push_back(std::move(entry));
    }
    std::optional<Template> message;
    if (const toml::node* node = params.node("message")) message = params.message_at(*node, placeholders);
    return std::make_shared<RequiredFacts>(std::move(entries), std::move(message));
}

} // namespace telework::kinds
