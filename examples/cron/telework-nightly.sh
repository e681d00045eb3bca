#!/bin/sh
# Nightly renewal watch for one agreements repo: runs `telework expire`,
# keeps the list in a file, and mails it when something needs attention.
# Called by telework-nightly.crontab and telework-nightly.service; POSIX sh.
#
# Usage: telework-nightly.sh [REPO]          (default: $TELEWORK_REPO, else .)
#
# Environment (all optional):
#   TELEWORK          the telework program              (default: telework)
#   TELEWORK_OUTPUT   where the list is written         (default: REPO/renewals.txt)
#   TELEWORK_FAIL_ON  expired | due | never: what counts as needing attention
#                     (telework expire --fail-on)        (default: due)
#   TELEWORK_WITHIN   days ahead that count as due      (default: the profile's
#                     renewal_window_days, usually 30)
#   TELEWORK_MAIL_TO  address to mail the list to; unset: no mail
#   TELEWORK_AS_OF    judge as of this day, YYYY-MM-DD  (default: today; for tests
#                     and for catching up on a missed night)
#
# Exit status: telework's own. 0 nothing needs attention; 1 something does (the
# list was mailed); 2 usage or configuration error, 3 a record could not be
# read (the error was mailed). The systemd unit counts 1 as success, since the
# mail is the notice.
set -u

repo=${1:-${TELEWORK_REPO:-.}}
telework=${TELEWORK:-telework}
output=${TELEWORK_OUTPUT:-$repo/renewals.txt}
fail_on=${TELEWORK_FAIL_ON:-due}
within=${TELEWORK_WITHIN:-}
mail_to=${TELEWORK_MAIL_TO:-}
as_of=${TELEWORK_AS_OF:-}

# The output path is taken from where the script was started, like REPO.
case $output in
/*) ;;
*) output=$PWD/$output ;;
esac

set -- expire --fail-on "$fail_on" --output "$output"
if [ -n "$within" ]; then set -- "$@" --within "$within"; fi
if [ -n "$as_of" ]; then set -- "$@" --as-of "$as_of"; fi

# telework finds telework.toml upward from the current directory and reads
# the agreements it names, so it runs in the repo. Its messages are kept to
# be mailed when it fails, and still go to stderr (cron's mail, the journal).
errors=$(mktemp) || exit 2
trap 'rm -f "$errors"' EXIT
if cd "$repo" 2>"$errors"; then
    "$telework" "$@" 2>>"$errors"
    status=$?
else
    status=3
fi
cat "$errors" >&2

day=${as_of:-$(date +%Y-%m-%d)}
case $status in
0) ;;
1)
    if [ -n "$mail_to" ]; then
        mail -s "telework: agreements to renew in $repo ($day)" "$mail_to" <"$output" || status=2
    fi
    ;;
*)
    if [ -n "$mail_to" ]; then
        { echo "telework expire failed in $repo (exit status $status):"; echo; cat "$errors"; } |
            mail -s "telework: renewal check FAILED in $repo ($day)" "$mail_to"
    fi
    ;;
esac
exit "$status"
