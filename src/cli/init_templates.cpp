#include "init_templates.hpp"

#include <fmt/format.h>

namespace telework::cli {

namespace {

constexpr std::string_view config_text = R"text(# The agreements repo's configuration: `man telework`, section FILES.
[telework]
profile = "{profile}"           # `telework profile list` shows the others
agreements = ["agreements"]     # directories or globs, relative to this file

# [thresholds]                  # change a profile's threshold ('telework profile show {profile}')
# [rules]                       # a rule's severity: error | warning | info | off
)text";

constexpr std::string_view readme_text = R"text(# Telework agreements

One YAML file per telework agreement, under `agreements/`, checked by
telework against the `{profile}` profile
(`telework.toml`). Every finding names its rule, its line and the policy
paragraph it enforces; `telework explain RULE` prints the paragraph.

## Add an agreement

    telework new --employee-id E1042 --name "Jane Doe" --position "Accountant 2" \
        --agency "Department of Administrative Services" --supervisor "Robert Smith" --manager "Alice Brown"

writes `agreements/<ID>.yaml` with the next free id, `status: proposed` and the
term the profile allows. Every fact still to be supplied is `null` with a
comment `# to fill in (RULE): why`: replace each with the answer. When the
agreement is signed, add the `signatures` and set `status: approved`.

## Validate

    telework validate              # every record; exit status 0 when nothing is wrong

The same check runs on every pull or merge request (the CI workflow) and,
with pre-commit (`pre-commit install`), before every commit.

## Renew

    telework expire                # agreements expired or due within 30 days
    telework renew TW-2026-0001    # drafts its successor: a new record that supersedes it
    telework renew --all-due       # drafts one for every agreement expire lists

A renewal copies the facts, starts the next term and clears what must be
done again (signatures, the safety checklist, training the profile counts as
too old). Fill in the cleared facts, sign, and approve it: the old agreement
then leaves `telework expire`. Records are never edited or removed by telework.
)text";

constexpr std::string_view agreements_readme = R"text(# Agreements

One telework agreement per `*.yaml` file, in any subdirectory. Add one with
`telework new`, renew one with `telework renew ID`; see ../README.md.
)text";

constexpr std::string_view github_text = R"text(# telework: every record is checked on each pull request and push.
# The findings become annotations on the changed lines.
name: telework

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

env:
  TELEWORK_REPOSITORY: https://git.example.org/telework.git   # where telework's source is kept
  TELEWORK_REF: main                                         # a tag or branch of it

jobs:
  validate:
    runs-on: ubuntu-latest
    container: debian:12   # telework builds from Debian 12 packages only
    steps:
      - name: Install git and the build dependencies
        run: |
          apt-get update -qq
          apt-get install -y -qq --no-install-recommends ca-certificates git \
            build-essential cmake pkg-config libcli11-dev libyaml-cpp-dev libfmt-dev libtomlplusplus-dev \
            nlohmann-json3-dev nettle-dev

      - name: Check out the agreements
        uses: actions/checkout@v4
        with:
          # The pull request's content is untrusted: leave no token in .git/config.
          persist-credentials: false

      # Nothing from the pull request (titles, branch names, file names) is
      # written into a script: only fixed commands and the environment above.
      - name: Build and install telework
        run: |
          git clone --quiet --depth 1 --branch "$TELEWORK_REF" "$TELEWORK_REPOSITORY" /tmp/telework
          cmake -S /tmp/telework -B /tmp/telework/build -DCMAKE_BUILD_TYPE=Release -DTELEWORK_BUILD_TESTS=OFF
          cmake --build /tmp/telework/build -j"$(nproc)"
          cmake --install /tmp/telework/build
          git config --global --add safe.directory "$GITHUB_WORKSPACE"

      - name: Validate the records
        run: telework validate --format github
)text";

constexpr std::string_view gitlab_text = R"text(# telework: every record is checked in merge request pipelines and on the
# default branch; the findings appear in the merge request's test report.
variables:
  TELEWORK_REPOSITORY: https://git.example.org/telework.git   # where telework's source is kept
  TELEWORK_REF: main                                         # a tag or branch of it

telework:
  image: debian:12   # telework builds from Debian 12 packages only
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  before_script:
    - apt-get update -qq
    - >-
      apt-get install -y -qq --no-install-recommends ca-certificates git
      build-essential cmake pkg-config libcli11-dev libyaml-cpp-dev libfmt-dev libtomlplusplus-dev
      nlohmann-json3-dev nettle-dev
    - git config --global --add safe.directory "$CI_PROJECT_DIR"
    - git clone --quiet --depth 1 --branch "$TELEWORK_REF" "$TELEWORK_REPOSITORY" /tmp/telework
    - cmake -S /tmp/telework -B /tmp/telework/build -DCMAKE_BUILD_TYPE=Release -DTELEWORK_BUILD_TESTS=OFF
    - cmake --build /tmp/telework/build -j"$(nproc)"
    - cmake --install /tmp/telework/build
  script:
    - telework validate --format junit -o report.xml
  artifacts:
    when: always   # the report matters most when the check fails
    reports:
      junit: report.xml
)text";

constexpr std::string_view pre_commit_text = R"text(# pre-commit (https://pre-commit.com): `pre-commit install` runs telework
# before every commit that touches a record. telework must be on PATH.
repos:
  - repo: local
    hooks:
      - id: telework
        name: telework validate
        entry: telework validate
        language: system
        files: \.(yaml|yml)$
        exclude: ^\.
        pass_filenames: false
)text";

constexpr std::string_view gitignore_text = R"text(# telework's outputs, when written into the repo
report.xml
*.sarif
renewals.ics
)text";

std::string fill(std::string_view text, std::string_view profile) {
    std::string out(text);
    for (auto at = out.find("{profile}"); at != std::string::npos; at = out.find("{profile}", at)) {
        out.replace(at, 9, profile);
        at += profile.size();
    }
    return out;
}

} // namespace

std::vector<InitFile> init_files(std::string_view profile, std::string_view ci, std::string_view schema) {
    std::vector<InitFile> files = {
        {"telework.toml", fill(config_text, profile)},
        {"agreements/README.md", std::string(agreements_readme)},
        {"README.md", fill(readme_text, profile)},
    };
    if (ci == "github") files.push_back({".github/workflows/telework.yml", std::string(github_text)});
    if (ci == "gitlab") files.push_back({".gitlab-ci.yml", std::string(gitlab_text)});
    files.push_back({".pre-commit-config.yaml", std::string(pre_commit_text)});
    files.push_back({".gitignore", std::string(gitignore_text)});
    std::string schema_text(schema);
    if (!schema_text.ends_with('\n')) schema_text += '\n';
    files.push_back({"schemas/agreement.schema.json", std::move(schema_text)});
    return files;
}

} // namespace telework::cli
