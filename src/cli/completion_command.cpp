#include "choices.hpp"
#include "command.hpp"
#include "errors.hpp"
#include "output.hpp"

#include "telework/profile.hpp"
#include "telework/version.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace telework::cli {

namespace {

struct CompletionOptions {
    std::string shell;
};

// What a value (of an option or a positional) completes to.
enum class ValueKind { none, words, files, profiles_or_files };

struct ValueSpec {
    ValueKind kind = ValueKind::none;
    std::vector<std::string> words;
    std::string label = "value"; // what zsh shows while nothing can be offered
};

struct OptionSpec {
    std::vector<std::string> names; // "-o", "--output": short ones first
    std::string description;
    bool takes_value = false;
    bool stops_parsing = false; // --help, --version: nothing follows them
    ValueSpec value;
};

struct PositionalSpec {
    std::string name;
    bool repeats = false;
    ValueSpec value;
};

struct CommandSpec {
    std::string name;
    std::string summary;
    std::vector<OptionSpec> options;
    std::vector<PositionalSpec> positionals;
};

struct Model {
    std::vector<OptionSpec> options; // before any command
    std::vector<CommandSpec> commands;
};

// Every word a script offers is spliced into shell code unquoted (as case
// patterns, compgen and fish word lists); one that is not plainly a word is
// left out rather than escaped for three shells.
bool plain_word(std::string_view word) {
    return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.' || c == '+';
    });
}

std::vector<std::string> plain_words(const std::vector<std::string>& words) {
    std::vector<std::string> kept;
    for (const auto& word : words) {
        if (plain_word(word) && std::find(kept.begin(), kept.end(), word) == kept.end()) kept.push_back(word);
    }
    return kept;
}

// one_of() describes its names as "{a,b,c}", and CLI11 appends validator
// descriptions to the type name: reading them back there keeps the
// completions equal to what the option accepts.
std::vector<std::string> choices_of(const CLI::Option& option) {
    const std::string type = option.get_type_name();
    const auto open = type.find('{');
    const auto close = type.find('}', open);
    if (open == std::string::npos || close == std::string::npos) return {};
    std::vector<std::string> words;
    std::string_view rest(type.data() + open + 1, close - open - 1);
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        words.emplace_back(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return plain_words(words);
}

std::vector<std::string> profile_ids() {
    std::vector<std::string> ids;
    for (const auto id : ProfileSet::built_in()->ids()) ids.emplace_back(id);
    return plain_words(ids);
}

std::string lowercase(std::string text) {
    for (auto& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

OptionSpec option_spec(const CLI::Option& option, std::span<const std::string_view> formats) {
    OptionSpec spec;
    for (const auto& name : option.get_snames()) spec.names.push_back("-" + name);
    for (const auto& name : option.get_lnames()) spec.names.push_back("--" + name);
    spec.names = plain_words(std::vector<std::string>(spec.names));
    spec.description = option.get_description();
    spec.takes_value = option.get_items_expected_max() > 0;
    const std::string long_name = option.get_lnames().empty() ? std::string() : option.get_lnames().front();
    spec.stops_parsing = long_name == "help" || long_name == "version";
    if (!spec.takes_value) return spec;
    if (!option.get_option_text().empty() && plain_word(option.get_option_text())) {
        spec.value.label = lowercase(option.get_option_text());
    }
    if (long_name == "format") {
        // --format is one global option whose values each command decides (the table's formats).
        spec.value.kind = ValueKind::words;
        spec.value.words = plain_words(std::vector<std::string>(formats.begin(), formats.end()));
        spec.value.label = "format";
    } else if (long_name == "profile") {
        spec.value.kind = ValueKind::words;
        spec.value.words = profile_ids();
        spec.value.label = "profile";
    } else if (auto words = choices_of(option); !words.empty()) {
        spec.value.kind = ValueKind::words;
        spec.value.words = std::move(words);
    } else if (option.get_option_text() == "FILE") {
        spec.value.kind = ValueKind::files;
        spec.value.label = "file";
    }
    return spec;
}

PositionalSpec positional_spec(const CLI::Option& option) {
    PositionalSpec spec;
    spec.name = option.get_name(true);
    spec.repeats = option.get_items_expected_max() > 1;
    if (plain_word(spec.name)) spec.value.label = spec.name;
    if (auto words = choices_of(option); !words.empty()) {
        spec.value.kind = ValueKind::words;
        spec.value.words = std::move(words);
    } else if (spec.repeats) {
        spec.value.kind = ValueKind::files; // PATH...: records and directories
    } else if (spec.name == "profile") {
        spec.value.kind = ValueKind::profiles_or_files; // `profile show ID|FILE`
        spec.value.words = profile_ids();
    }
    return spec;
}

// The model is read off the CLI::App that run() built with every command's
// own setup function, so a new option or command shows up here unasked.
Model read_model(const CLI::App& root) {
    Model model;
    std::vector<std::string_view> all_formats;
    for (const auto& command : commands()) {
        for (const auto format : command.formats) {
            if (std::find(all_formats.begin(), all_formats.end(), format) == all_formats.end()) all_formats.push_back(format);
        }
    }
    for (const CLI::Option* option : root.get_options()) {
        if (option->nonpositional()) model.options.push_back(option_spec(*option, all_formats));
    }
    const auto subcommands = root.get_subcommands([](const CLI::App*) { return true; });
    for (const CLI::App* sub : subcommands) {
        CommandSpec spec;
        spec.name = sub->get_name();
        if (!plain_word(spec.name)) continue;
        spec.summary = sub->get_description();
        const auto formats = formats_of(spec.name);
        for (const CLI::Option* option : sub->get_options()) {
            if (option->nonpositional()) {
                spec.options.push_back(option_spec(*option, formats));
            } else {
                spec.positionals.push_back(positional_spec(*option));
            }
        }
        // Global options fall through to the top, so they follow a command too.
        for (const CLI::Option* option : root.get_options()) {
            if (!option->nonpositional() || option->get_lnames() == std::vector<std::string>{"help"}) continue;
            spec.options.push_back(option_spec(*option, formats));
        }
        model.commands.push_back(std::move(spec));
    }
    return model;
}

std::string join(const std::vector<std::string>& words, std::string_view separator = " ") {
    std::string text;
    for (const auto& word : words) {
        if (!text.empty()) text += separator;
        text += word;
    }
    return text;
}

// Descriptions are the program's own help texts; visible() still keeps any
// control character out of a script a shell will source.
std::string single_quoted_sh(std::string_view text) {
    std::string quoted = "'";
    for (const char c : visible(text)) {
        if (c == '\'') {
            quoted += "'\\''";
        } else {
            quoted += c;
        }
    }
    return quoted + "'";
}

std::string single_quoted_fish(std::string_view text) {
    std::string quoted = "'";
    for (const char c : visible(text)) {
        if (c == '\'' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "'";
}

std::string header(std::string_view shell, std::string_view comment) {
    return fmt::format("{0} {1} completion for telework {2}, written by `telework completion {1}` from the\n"
                       "{0} program's own commands and options: regenerate it rather than edit it.\n",
                       comment, shell, version);
}

// ---- bash ----------------------------------------------------------------

std::vector<std::string> value_option_names(const std::vector<OptionSpec>& options) {
    std::vector<std::string> names;
    for (const auto& option : options) {
        if (option.takes_value) names.insert(names.end(), option.names.begin(), option.names.end());
    }
    return names;
}

std::vector<std::string> all_option_names(const std::vector<OptionSpec>& options) {
    std::vector<std::string> names;
    for (const auto& option : options) names.insert(names.end(), option.names.begin(), option.names.end());
    return names;
}

std::string bash_value_action(const ValueSpec& value) {
    switch (value.kind) {
    case ValueKind::words: return fmt::format("_telework_words '{}'", join(value.words));
    case ValueKind::files: return "_telework_files";
    case ValueKind::profiles_or_files: return fmt::format("_telework_words '{}'; _telework_files add", join(value.words));
    case ValueKind::none: break;
    }
    return ":";
}

std::string bash_option_values(const std::vector<OptionSpec>& options, std::string_view indent) {
    std::string text = fmt::format("{}case $prev in\n", indent);
    for (const auto& option : options) {
        if (!option.takes_value || option.names.empty()) continue;
        text += fmt::format("{}    {}) {}; return ;;\n", indent, join(option.names, "|"), bash_value_action(option.value));
    }
    return text + fmt::format("{}esac\n", indent);
}

std::string render_bash(const Model& model) {
    std::vector<std::string> command_names;
    for (const auto& command : model.commands) command_names.push_back(command.name);
    std::string text = header("bash", "#");
    text += R"(
# COMPREPLY from a word list; without compgen's word splitting of the result.
_telework_words() {
    mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

# File names (after any words already offered when $1 is "add").
_telework_files() {
    local -a files
    compopt -o filenames 2>/dev/null
    mapfile -t files < <(compgen -f -- "$cur")
    if [[ $1 == add ]]; then COMPREPLY+=("${files[@]}"); else COMPREPLY=("${files[@]}"); fi
}

_telework() {
    COMPREPLY=()
    local cur=${COMP_WORDS[COMP_CWORD]} prev= command= values opts word i=1 position=0
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}
    # bash splits --option=value at '=' (COMP_WORDBREAKS).
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    fi
)";
    text += fmt::format("    values=' {} '\n", join(value_option_names(model.options)));
    text += R"(    # The command is the first word that is neither an option nor an option's value.
    while ((i < COMP_CWORD)); do
        word=${COMP_WORDS[i]}
        if [[ $word == -* ]]; then
            [[ $values == *" $word "* && ${COMP_WORDS[i+1]} != = ]] && ((i++))
        elif [[ $word == = ]]; then
            ((i++))
        else
            command=$word
            break
        fi
        ((i++))
    done
    case $command in
)";
    for (const auto& command : model.commands) {
        text += fmt::format("        {})\n", command.name);
        text += fmt::format("            values=' {} '\n", join(value_option_names(command.options)));
        text += fmt::format("            opts='{}'\n", join(all_option_names(command.options)));
        text += "            ;;\n";
    }
    text += R"(        '')
            # Before the command: the global options and the commands.
)";
    text += bash_option_values(model.options, "            ");
    text += fmt::format("            if [[ $cur == -* ]]; then _telework_words '{}'; else _telework_words '{}'; fi\n",
                        join(all_option_names(model.options)), join(command_names));
    text += R"(            return
            ;;
        *)
            return
            ;;
    esac
    # Which positional argument the word is: count those after the command.
    for ((i++; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ $word == = ]]; then
            ((i++))
        elif [[ $word == -* ]]; then
            [[ $values == *" $word "* && ${COMP_WORDS[i+1]} != = ]] && ((i++))
        else
            ((position++))
        fi
    done
    [[ $cur == -* ]] && { _telework_words "$opts"; return; }
    case $command in
)";
    for (const auto& command : model.commands) {
        text += fmt::format("        {})\n", command.name);
        text += bash_option_values(command.options, "            ");
        text += "            case $position in\n";
        for (std::size_t index = 0; index < command.positionals.size(); ++index) {
            const auto& positional = command.positionals[index];
            const std::string pattern = positional.repeats ? "*" : std::to_string(index);
            text += fmt::format("                {}) {} ;;\n", pattern, bash_value_action(positional.value));
            if (positional.repeats) break;
        }
        text += "            esac\n";
        text += "            ;;\n";
    }
    text += R"(    esac
}
complete -F _telework telework
)";
    return text;
}

// ---- zsh -----------------------------------------------------------------

// The text of an _arguments "[description]": brackets and backslashes escaped.
std::string zsh_description(std::string_view description) {
    std::string text;
    for (const char c : std::string(description)) {
        if (c == '[' || c == ']' || c == '\\') text += '\\';
        text += c;
    }
    return text;
}

std::string zsh_value_action(const ValueSpec& value) {
    switch (value.kind) {
    case ValueKind::words: return fmt::format("({})", join(value.words));
    case ValueKind::files:
    case ValueKind::profiles_or_files: return "_files";
    case ValueKind::none: break;
    }
    return " ";
}

std::vector<std::string> zsh_option_specs(const std::vector<OptionSpec>& options) {
    std::vector<std::string> specs;
    for (const auto& option : options) {
        if (option.names.empty()) continue;
        // Each name excludes the others (and --help/--version everything).
        const std::string exclusions =
            option.stops_parsing ? "(- *)" : option.names.size() > 1 ? "(" + join(option.names) + ")" : std::string();
        for (const auto& name : option.names) {
            std::string spec = exclusions + name;
            if (option.takes_value) spec += name.starts_with("--") ? "=" : "+";
            spec += "[" + zsh_description(option.description) + "]";
            if (option.takes_value) spec += ":" + option.value.label + ":" + zsh_value_action(option.value);
            specs.push_back(single_quoted_sh(spec));
        }
    }
    return specs;
}

std::string zsh_arguments(const std::vector<std::string>& specs, std::string_view indent) {
    std::string text = fmt::format("{}_arguments -s -S", indent);
    for (const auto& spec : specs) text += fmt::format(" \\\n{}  {}", indent, spec);
    return text;
}

std::string render_zsh(const Model& model) {
    std::string text = "#compdef telework\n" + header("zsh", "#");
    text += R"(
_telework() {
    local curcontext=$curcontext state state_descr line ret=1
    typeset -A opt_args
)";
    auto top = zsh_option_specs(model.options);
    top.push_back(single_quoted_sh("1:command:->command"));
    top.push_back(single_quoted_sh("*::argument:->argument"));
    text += "    _arguments -C -s -S";
    for (const auto& spec : top) text += " \\\n      " + spec;
    text += " && ret=0\n";
    text += R"(    case $state in
        (command)
            local -a commands
            commands=(
)";
    for (const auto& command : model.commands) {
        text += fmt::format("                {}\n", single_quoted_sh(command.name + ":" + command.summary));
    }
    text += R"(            )
            _describe -t commands 'telework command' commands && ret=0
            ;;
        (argument)
            curcontext=${curcontext%:*:*}:telework-$words[1]:
            case $words[1] in
)";
    for (const auto& command : model.commands) {
        auto specs = zsh_option_specs(command.options);
        for (std::size_t index = 0; index < command.positionals.size(); ++index) {
            const auto& positional = command.positionals[index];
            const std::string position = positional.repeats ? "*" : std::to_string(index + 1);
            specs.push_back(single_quoted_sh(position + ":" + positional.value.label + ":" +
                                             zsh_value_action(positional.value)));
            if (positional.repeats) break;
        }
        text += fmt::format("                ({})\n", command.name);
        text += zsh_arguments(specs, "                    ") + " && ret=0\n";
        text += "                    ;;\n";
    }
    text += R"(            esac
            ;;
    esac
    return ret
}

# Autoloaded from $fpath, the file is the function's body; sourced, it registers itself.
if [[ $funcstack[1] == _telework ]]; then
    _telework "$@"
else
    compdef _telework telework
fi
)";
    return text;
}

// ---- fish ----------------------------------------------------------------

std::string fish_option_line(std::string_view condition, const OptionSpec& option) {
    std::string line = fmt::format("complete -c telework -n {}", single_quoted_fish(condition));
    for (const auto& name : option.names) {
        line += name.starts_with("--") ? " -l " + name.substr(2) : " -s " + name.substr(1);
    }
    if (option.takes_value) {
        switch (option.value.kind) {
        case ValueKind::words: line += " -x -a " + single_quoted_fish(join(option.value.words)); break;
        case ValueKind::files: line += " -r -F"; break;
        case ValueKind::profiles_or_files: line += " -r -F -a " + single_quoted_fish(join(option.value.words)); break;
        case ValueKind::none: line += " -x"; break;
        }
    }
    return line + " -d " + single_quoted_fish(option.description) + "\n";
}

std::string render_fish(const Model& model) {
    std::vector<std::string> command_names;
    for (const auto& command : model.commands) command_names.push_back(command.name);
    const std::string before_command = "not __fish_seen_subcommand_from " + join(command_names);
    std::string text = header("fish", "#");
    text += "\n# File names only where a command takes them.\ncomplete -c telework -f\n\n# The commands.\n";
    for (const auto& command : model.commands) {
        text += fmt::format("complete -c telework -n {} -a {} -d {}\n", single_quoted_fish(before_command),
                            command.name, single_quoted_fish(command.summary));
    }
    text += "\n# Options before the command.\n";
    for (const auto& option : model.options) {
        if (!option.names.empty()) text += fish_option_line(before_command, option);
    }
    for (const auto& command : model.commands) {
        const std::string condition = "__fish_seen_subcommand_from " + command.name;
        text += fmt::format("\n# telework {}\n", command.name);
        for (const auto& option : command.options) {
            if (!option.names.empty()) text += fish_option_line(condition, option);
        }
        // fish cannot tell positions apart cheaply: every positional's values are offered.
        for (const auto& positional : command.positionals) {
            const auto& value = positional.value;
            std::string line = fmt::format("complete -c telework -n {}", single_quoted_fish(condition));
            if (value.kind == ValueKind::words || value.kind == ValueKind::profiles_or_files) {
                line += " -a " + single_quoted_fish(join(value.words));
            }
            if (value.kind == ValueKind::files || value.kind == ValueKind::profiles_or_files) line += " -F";
            if (value.kind != ValueKind::none) text += line + "\n";
        }
    }
    return text;
}

int run_completion(const CLI::App& command_app, const GlobalOptions& global, const CompletionOptions& options) {
    choose_format(global, "completion");
    // Checked here rather than by CLI11's required(), so that a wrong
    // --format is reported the same way for every command.
    if (options.shell.empty()) throw UsageError("completion needs a shell: bash, zsh or fish");
    const Model model = read_model(*command_app.get_parent());
    std::string script;
    if (options.shell == "bash") script = render_bash(model);
    else if (options.shell == "zsh") script = render_zsh(model);
    else script = render_fish(model);
    write_result(global, script);
    return 0;
}

} // namespace

std::function<int()> setup_completion(CLI::App& app, GlobalOptions& global) {
    auto options = std::make_shared<CompletionOptions>();
    app.add_option("shell", options->shell, "the shell to complete for: bash, zsh or fish")
        ->check(one_of({"bash", "zsh", "fish"}));
    return [&app, &global, options] { return run_completion(app, global, *options); };
}

} // namespace telework::cli
