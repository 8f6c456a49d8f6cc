"""The text pipeline's exceptions, defined once."""


class TextError(Exception):
    """Something in the text pipeline could not be done; the message says what and why."""


class IntakeError(TextError):
    """The input is not an article the desk can import (empty, binary, undecodable, too large…)."""


class RuleRefused(TextError):
    """A promo rule an editor wrote would do harm (invalid, too slow, or stripping ordinary text)."""


class RuleTooLarge(TextError):
    """A regex rule whose repeats are too large to compile safely (it could exhaust memory).

    `reason` says which limit, in an editor's words; the message also names the pattern.
    """

    def __init__(self, pattern: str, reason: str):
        super().__init__(f"promo rule {pattern!r}: too large to compile safely: {reason}")
        self.pattern = pattern
        self.reason = reason


class CorpusError(TextError):
    """A labelled corpus that cannot be read: no such folder, a malformed annotation, a missing source."""
