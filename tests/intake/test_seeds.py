"""The seed article is kept byte for byte as it arrived."""

import hashlib

import pytest

from tests.conftest import ROOT, SEED_PATH

SHARED_SEED = ROOT.parent / "shared" / "seeds" / SEED_PATH.name


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="../shared is not beside this checkout")
def test_seed_article_is_byte_for_byte_the_shared_one():
    assert hashlib.sha256(SEED_PATH.read_bytes()).hexdigest() == hashlib.sha256(SHARED_SEED.read_bytes()).hexdigest()

