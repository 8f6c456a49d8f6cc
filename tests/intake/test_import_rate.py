"""The upload's estimate of a file's import time, from its size and the rate measured so far."""

import pytest

from briefs.intake.importing import DEFAULT_IMPORT_BYTES_PER_SECOND, ImportRate


def test_before_any_file_is_measured_a_file_is_expected_at_the_default_rate():
    assert ImportRate().seconds_for(2 * DEFAULT_IMPORT_BYTES_PER_SECOND) == pytest.approx(2.0)


def test_a_slow_measured_file_makes_the_next_estimate_slower():
    rate = ImportRate()
    rate.add(1_000_000, 12.0)  # 83 KB/s, well under the default
    assert rate.seconds_for(1_000_000) > 1_000_000 / DEFAULT_IMPORT_BYTES_PER_SECOND


def test_a_tiny_fast_file_does_not_make_a_large_file_look_instant():
    rate = ImportRate()
    rate.add(100, 0.0001)  # a million bytes a second, measured on 100 bytes
    assert rate.seconds_for(2_000_000) == pytest.approx(2_000_000 / DEFAULT_IMPORT_BYTES_PER_SECOND, rel=0.01)
