"""The text pipeline's exceptions, defined once."""


class TextError(Exception):
    """Something in the text pipeline could not be done; the message says what and why."""


class IntakeError(TextError):
    """The input is not an article the desk can import (empty, binary, undecodable, too large…)."""


class RuleRefused(TextError):
    """A promo rule an editor wrote would do harm (invalid, too slow, or stripping ordinary text)."""
