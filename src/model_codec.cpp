#include "model_codec.hpp"

#include <concepts>
#include <cstdint>
#include <type_traits>

namespace telework::detail {

namespace {

// Every struct of the model lists its members once, here; the encoder and
// the decoder both walk these lists, so they cannot disagree on the layout.
template <class S, class T>
concept model = std::same_as<std::remove_const_t<S>, T>;

template <class A, model<Person> S> void members(A& a, S& s) { a(s.id, s.name, s.email); }
template <class A, model<Employee> S> void members(A& a, S& s) {
    a(s.id, s.name, s.email, s.position, s.supervises_staff, s.working_test_period, s.training_class,
      s.last_discipline, s.performance_rating, s.outside_employment, s.responsible_for_safety, s.disciplined_awol,
      s.disciplined_prohibited_content);
}
template <class A, model<Location> S> void members(A& a, S& s) { a(s.kind, s.address, s.phone); }
template <class A, model<TimeOfDay> S> void members(A& a, S& s) { a(s.minutes); }
template <class A, model<WorkHours> S> void members(A& a, S& s) { a(s.start, s.end); }
template <class A, model<ScheduleWeek> S> void members(A& a, S& s) { a(s.workweek_days, s.telework_days, s.partial_days); }
template <class A, model<Schedule> S> void members(A& a, S& s) {
    a(s.workweek_days, s.telework_days, s.partial_days, s.field_work, s.hours, s.alternate_schedule, s.pay_period);
}
template <class A, model<Term> S> void members(A& a, S& s) { a(s.start, s.end); }
template <class A, model<EquipmentItem> S> void members(A& a, S& s) { a(s.item, s.provided_by, s.asset_tag); }
template <class A, model<Computer> S> void members(A& a, S& s) { a(s.personal_computer, s.basis); }
template <class A, model<SafetyChecklist> S> void members(A& a, S& s) { a(s.completed, s.date); }
template <class A, model<Emergency> S> void members(A& a, S& s) { a(s.coop, s.pandemic, s.weather); }
template <class A, model<DependentCare> S> void members(A& a, S& s) { a(s.dependents, s.arrangements_on_file); }
template <class A, model<Training> S> void members(A& a, S& s) { a(s.telework, s.it_security, s.supervisor); }
template <class A, model<Eligibility> S> void members(A& a, S& s) { a(s.position, s.must_be_yes, s.must_be_no); }
template <class A, model<Signature> S> void members(A& a, S& s) { a(s.name, s.date); }
template <class A, model<OtherSignature> S> void members(A& a, S& s) { a(s.role, s.signature); }
template <class A, model<Signatures> S> void members(A& a, S& s) {
    a(s.employee, s.supervisor, s.manager, s.hr, s.agency_head, s.others);
}
template <class A, model<Decision> S> void members(A& a, S& s) {
    a(s.date, s.by, s.reason_category, s.reason, s.reapply_after, s.improvement_actions, s.copy_to_employee,
      s.copy_to_coordinator);
}
template <class A, model<Request> S> void members(A& a, S& s) { a(s.kind, s.date); }
template <class A, model<WorkPlan> S> void members(A& a, S& s) { a(s.date); }
template <class A, model<Agreement> S> void members(A& a, S& s) {
    a(s.pos, s.format, s.id, s.status, s.type, s.policy, s.agency, s.unit, s.supersedes, s.employee, s.supervisor,
      s.manager, s.location, s.official_duty_station, s.schedule, s.term, s.duties, s.equipment, s.computer,
      s.safety_checklist, s.emergency, s.dependent_care, s.insurance_certificate_on_file, s.training, s.eligibility,
      s.signatures, s.das_copy_sent, s.decision, s.request, s.work_plan, s.notes);
}
template <class A, model<Finding> S> void members(A& a, S& s) { a(s.rule, s.severity, s.pos, s.message); }
template <class A, model<RecordKeys> S> void members(A& a, S& s) { a(s.id, s.status, s.supersedes, s.employee_id); }

template <class T> struct is_field : std::false_type {};
template <class T> struct is_field<Field<T>> : std::true_type {};
template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};

// How many values an enumeration has, to refuse a decoded value out of range.
template <class E> constexpr std::uint64_t enum_count() {
    if constexpr (std::is_same_v<E, Presence>) {
        return 4;
    } else if constexpr (std::is_same_v<E, Severity>) {
        return 3;
    } else {
        return EnumNames<E>::names.size();
    }
}

// Every eligibility question, the model's three static key lists one after
// another. A decoded question is looked up here so its view stays valid.
const std::vector<std::string_view>& all_questions() {
    static const std::vector<std::string_view> all = [] {
        std::vector<std::string_view> out(position_questions);
        out.insert(out.end(), must_be_yes_questions.begin(), must_be_yes_questions.end());
        out.insert(out.end(), must_be_no_questions.begin(), must_be_no_questions.end());
        return out;
    }();
    return all;
}

bool holds_value(Presence presence) { return presence == Presence::Present || presence == Presence::Invalid; }

std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) {
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

class Encoder {
public:
    explicit Encoder(std::string& out) : out_(out) {}

    template <class... Ts> void operator()(const Ts&... values) { (put(values), ...); }

    template <class T> void put(const T& value) {
        if constexpr (std::is_same_v<T, bool>) {
            out_.push_back(value ? '\1' : '\0');
        } else if constexpr (std::is_enum_v<T>) {
            unsigned_(static_cast<std::uint64_t>(value));
        } else if constexpr (std::is_same_v<T, int>) {
            unsigned_(zigzag(value));
        } else if constexpr (std::is_same_v<T, std::string>) {
            text(value);
        } else if constexpr (std::is_same_v<T, Date>) {
            unsigned_(zigzag(value.days().time_since_epoch().count()));
        } else if constexpr (std::is_same_v<T, Position>) {
            // Lines as the step from the last position written: mostly one byte.
            unsigned_(zigzag(static_cast<std::int64_t>(value.line) - last_line_));
            last_line_ = value.line;
            unsigned_(zigzag(value.column));
        } else if constexpr (std::is_same_v<T, Answer>) {
            text(value.question);
            put(value.answer);
        } else if constexpr (is_field<T>::value) {
            // The decoder leaves the value of an absent or null key default
            // (MapReader::begin), so only a given value is kept; an invalid
            // one is kept as the decoder left it.
            put(value.presence);
            put(value.pos);
            if (holds_value(value.presence)) put(value.value);
        } else if constexpr (is_vector<T>::value) {
            unsigned_(value.size());
            for (const auto& item : value) put(item);
        } else {
            members(*this, value);
        }
    }

private:
    void unsigned_(std::uint64_t v) {
        while (v >= 0x80) {
            out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
            v >>= 7;
        }
        out_.push_back(static_cast<char>(v));
    }
    void text(std::string_view s) {
        unsigned_(s.size());
        out_.append(s);
    }

    std::string& out_;
    std::int64_t last_line_ = 0;
};

class Decoder {
public:
    // Without `keep` every value is checked and passed over, not stored: a
    // check that the bytes decode, without building what they hold (half a
    // warm run went to building agreements only to prove they could be).
    explicit Decoder(std::string_view in, bool keep = true) : in_(in), keep_(keep) {}

    bool ok() const { return ok_; }
    bool at_end() const { return at_ == in_.size(); }

    template <class... Ts> void operator()(Ts&... values) { (get(values), ...); }

    template <class T> void get(T& value) {
        if (!ok_) return;
        if constexpr (std::is_same_v<T, bool>) {
            const std::uint64_t v = unsigned_();
            check(v <= 1);
            value = v == 1;
        } else if constexpr (std::is_enum_v<T>) {
            const std::uint64_t v = unsigned_();
            check(v < enum_count<T>());
            value = static_cast<T>(v);
        } else if constexpr (std::is_same_v<T, int>) {
            value = small_int();
        } else if constexpr (std::is_same_v<T, std::string>) {
            const std::string_view s = text();
            if (keep_) value = std::string(s);
        } else if constexpr (std::is_same_v<T, Date>) {
            const std::int64_t days = unzigzag(unsigned_());
            check(days > -1'000'000 && days < 3'000'000); // years 0 to 10,000 or so
            if (ok_ && keep_) value = Date::from_days(std::chrono::sys_days(std::chrono::days(days)));
        } else if constexpr (std::is_same_v<T, Position>) {
            // Bounded before it is added: a damaged step could overflow the sum.
            const std::int64_t step = unzigzag(unsigned_());
            check(step >= std::int64_t{INT32_MIN} * 2 && step <= std::int64_t{INT32_MAX} * 2);
            const std::int64_t line = ok_ ? last_line_ + step : 0;
            check(line >= INT32_MIN && line <= INT32_MAX);
            value.line = ok_ ? static_cast<int>(line) : 0;
            last_line_ = value.line;
            value.column = small_int();
        } else if constexpr (std::is_same_v<T, Answer>) {
            const auto question = known_question(text());
            check(question.has_value());
            if (question) value.question = *question;
            get(value.answer);
        } else if constexpr (is_field<T>::value) {
            get(value.presence);
            get(value.pos);
            if (holds_value(value.presence)) get(value.value);
        } else if constexpr (is_vector<T>::value) {
            const std::uint64_t count = unsigned_();
            // Every item takes at least one byte: a count beyond the bytes left is damage.
            check(count <= in_.size() - at_);
            if (!ok_) return;
            if (!keep_) {
                typename T::value_type item{};
                for (std::uint64_t i = 0; i < count && ok_; ++i) get(item);
                return;
            }
            value.resize(count);
            for (auto& item : value) get(item);
        } else {
            members(*this, value);
        }
    }

private:
    void check(bool condition) {
        if (!condition) ok_ = false;
    }
    std::uint64_t unsigned_() {
        // Most values are below 128: one byte, and one test for it.
        if (at_ < in_.size() && static_cast<unsigned char>(in_[at_]) < 0x80) {
            return static_cast<unsigned char>(in_[at_++]);
        }
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at_ >= in_.size()) break;
            const auto byte = static_cast<unsigned char>(in_[at_++]);
            v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if ((byte & 0x80) == 0) return v;
        }
        ok_ = false;
        return 0;
    }
    int small_int() {
        const std::int64_t v = unzigzag(unsigned_());
        check(v >= INT32_MIN && v <= INT32_MAX);
        return ok_ ? static_cast<int>(v) : 0;
    }
    // Answers are mostly written in the lists' order, so the question after
    // the last one found is tried first.
    std::optional<std::string_view> known_question(std::string_view text) {
        const auto& all = all_questions();
        if (next_question_ < all.size() && all[next_question_] == text) return all[next_question_++];
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (all[i] == text) {
                next_question_ = i + 1;
                return all[i];
            }
        }
        return std::nullopt;
    }
    std::string_view text() {
        const std::uint64_t size = unsigned_();
        check(size <= in_.size() - at_);
        if (!ok_) return {};
        const std::string_view s = in_.substr(at_, size);
        at_ += size;
        return s;
    }

    std::string_view in_;
    bool keep_ = true;
    std::size_t at_ = 0;
    bool ok_ = true;
    std::int64_t last_line_ = 0;
    std::size_t next_question_ = 0;
};

} // namespace

void encode_agreement(const Agreement& agreement, std::string& out) {
    Encoder encoder(out);
    encoder.put(agreement);
}

void encode_findings(const std::vector<Finding>& findings, std::string& out) {
    Encoder encoder(out);
    encoder.put(findings);
}

void encode_keys(const RecordKeys& keys, std::string& out) {
    Encoder encoder(out);
    encoder.put(keys);
}

namespace {

// Exactly one value of type T, or nothing.
template <class T> std::optional<T> decode_whole(std::string_view bytes) {
    Decoder decoder(bytes);
    T value{};
    decoder.get(value);
    if (!decoder.ok() || !decoder.at_end()) return std::nullopt;
    return value;
}

} // namespace

std::optional<Agreement> decode_agreement_bytes(std::string_view bytes) { return decode_whole<Agreement>(bytes); }

bool agreement_bytes_decode(std::string_view bytes) {
    // Only ever written to with `keep` off: no string or list in it grows.
    thread_local Agreement scratch;
    Decoder decoder(bytes, false);
    decoder.get(scratch);
    return decoder.ok() && decoder.at_end();
}

std::optional<std::vector<Finding>> decode_findings_bytes(std::string_view bytes) {
    return decode_whole<std::vector<Finding>>(bytes);
}

std::optional<RecordKeys> decode_keys_bytes(std::string_view bytes) { return decode_whole<RecordKeys>(bytes); }

} // namespace telework::detail
