"""Concurrent use on PostgreSQL: several processes importing the same folder at once."""

import os
import random
import re
import subprocess
import sys

import pytest
from django.db import connection

from briefs.intake.models import SourceArticle, Strip
from briefs.intake.pipeline import current_rules
from briefs.text.clean import find_strips
from tests.conftest import ROOT, SEED_PATH

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="concurrency is checked on PostgreSQL"
    ),
]

PROCESSES = 8
ARTICLES = 200


def write_articles(folder, count):
    paragraphs = [line for line in SEED_PATH.read_text(encoding="utf-8").split("\n") if line.strip()][1:]
    shuffle = random.Random(20261125)
    for n in range(count):
        body = paragraphs[:]
        shuffle.shuffle(body)
        text = f"小红书电商观察第{n}期\n\n" + "\n\n".join(body[:12]) + "\n"
        (folder / f"{n:03d}.txt").write_text(text, encoding="utf-8")


def subprocess_env():
    settings = connection.settings_dict
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update(
        DATABASE_URL=f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}",
        DJANGO_SECRET_KEY="concurrency-test-" + "x" * 40,
        DJANGO_SETTINGS_MODULE="cms.settings",
    )
    env.pop("REDIS_URL", None)
    return env


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_eight_processes_importing_one_folder_store_each_article_exactly_once(tmp_path):
    write_articles(tmp_path, ARTICLES)
    command = [sys.executable, "manage.py", "import_articles", str(tmp_path)]
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(PROCESSES)
    ]
    results = [process.communicate(timeout=600) for process in processes]

    for process, (out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
        lines = out.splitlines()
        assert len(lines) == ARTICLES
        assert all(line.endswith((": imported", ": unchanged")) for line in lines), out
    imported = sum(out.count(": imported") for out, _ in results)
    assert imported == ARTICLES
    assert SourceArticle.objects.count() == ARTICLES

    rules = current_rules()
    for article in SourceArticle.objects.all():
        expected = find_strips(article.raw_text, rules=rules)
        assert Strip.objects.filter(article=article).count() == len(expected), article.original_filename
        assert article.cleaned_text


EDITORS = 20


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_editors_saving_one_brief_at_once_each_version_has_one_winner_and_no_revision_is_lost(
    django_user_model,
):
    import threading

    import reversion
    from django.contrib.auth.models import Group
    from django.db import connections
    from reversion.models import Version

    from briefs.desk.models import Brief, BriefChangedMeanwhile
    from tests.factories import make_brief

    editors = []
    for n in range(EDITORS):
        user = django_user_model.objects.create_user(username=f"editor{n}", is_staff=True)
        user.groups.add(Group.objects.get(name="Editor"))
        editors.append(user)
    brief = make_brief()
    start_line = threading.Barrier(EDITORS)
    outcomes = {}

    def edit(user):
        """Open the brief, wait for everyone, save; on the lock message, reopen and save again."""
        refusals = []
        try:
            opened = Brief.objects.get(pk=brief.pk)
            start_line.wait(timeout=60)
            while True:
                opened.body = f"{opened.body}\n\nParagraph by {user.username}."
                try:
                    with reversion.create_revision():
                        reversion.set_user(user)
                        opened.save_edit(loaded_version=opened.version)
                    outcomes[user.username] = (opened.version, refusals)
                    return
                except BriefChangedMeanwhile as refusal:
                    refusals.append(str(refusal))
                    opened = Brief.objects.get(pk=brief.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=edit, args=(user,)) for user in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert len(outcomes) == EDITORS
    won_versions = sorted(version for version, _ in outcomes.values())
    assert won_versions == list(range(2, EDITORS + 2)), "each version was won by exactly one editor"
    refusals = [message for _, messages in outcomes.values() for message in messages]
    assert refusals, "with twenty editors at once, some saves must have been refused"
    assert all(re.search(r"was changed by editor\d+ on .+ after you opened it", message) for message in refusals)
    final = Brief.objects.get(pk=brief.pk)
    assert final.version == EDITORS + 1
    for user in editors:
        assert f"Paragraph by {user.username}." in final.body
    assert Version.objects.get_for_object(final).count() == EDITORS
