"""A tally of named checks for the black-box test scripts: each failure is
printed with its detail, and the script ends with 'N passed, M failed'."""

import shutil


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, what, detail=""):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}" + (f"\n     {detail}" if detail else ""))

    def equal(self, actual, expected, what):
        self.check(actual == expected, what, f"expected {expected!r}\n     actual   {actual!r}")

    def finish(self, scratch=None):
        """Prints the tally and gives the exit status; a scratch directory is
        removed only when everything passed, so a failure can be looked at."""
        print(f"{self.passed} passed, {self.failed} failed")
        if scratch and self.failed == 0:
            shutil.rmtree(scratch, ignore_errors=True)
        return 1 if self.failed else 0
