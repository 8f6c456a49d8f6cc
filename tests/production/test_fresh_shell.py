"""A fresh shell works after `make run`: manage.py reads `.env` for what the shell does not set (issue 12)."""

from cms.dotenv import load_dotenv, read_dotenv


def test_dotenv_sets_what_the_environment_lacks(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=abc=def\n", encoding="utf-8")
    environ = {}
    assert load_dotenv(dotenv, environ) == ["DJANGO_DEBUG", "DJANGO_SECRET_KEY"]
    assert environ == {"DJANGO_DEBUG": "1", "DJANGO_SECRET_KEY": "abc=def"}


def test_dotenv_never_overrides_a_variable_the_shell_set(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=from-file\n", encoding="utf-8")
    environ = {"DJANGO_DEBUG": "0"}
    assert load_dotenv(dotenv, environ) == ["DJANGO_SECRET_KEY"]
    assert environ == {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "from-file"}


def test_no_dotenv_sets_nothing(tmp_path):
    environ = {}
    assert load_dotenv(tmp_path / ".env", environ) == []
    assert environ == {}


def test_comments_blank_lines_export_and_quotes_are_read_as_shells_write_them():
    text = "# made by make run\n\nexport DJANGO_DEBUG=1\nSITE_NAME='China Tech Briefs'\nTIME_ZONE=\"UTC\"\nnot a line\n"
    assert read_dotenv(text) == {"DJANGO_DEBUG": "1", "SITE_NAME": "China Tech Briefs", "TIME_ZONE": "UTC"}
