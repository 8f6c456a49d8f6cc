"""SQLite half of search: an FTS5 table with one row per brief (rowid = brief id).

Rows are written by `search.index_brief` from signals; the table holds every brief, whatever its
status, and each query keeps only `Brief.objects.published()`, so a brief's visibility changing with
the clock (a scheduled brief's time arriving) needs no reindexing.
"""

from django.db import connection

from briefs.desk.models import Brief

TABLE = "public_brief_fts"
# bm25 weights per column: a hit in the title counts most, then the dek, then body and entity names.
WEIGHTS = (10.0, 4.0, 1.0)
CREATE_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "title, dek, document, tokenize = 'porter unicode61 remove_diacritics 2')"
)
DROP_SQL = f"DROP TABLE IF EXISTS {TABLE}"


def upsert(brief_id: int, *, title: str, dek: str, document: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [brief_id])  # noqa: S608 - constant table name
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, title, dek, document) VALUES (%s, %s, %s, %s)",  # noqa: S608
            [brief_id, title, dek, document],
        )


def delete(brief_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [brief_id])  # noqa: S608 - constant table name


def match_expression(terms: list[str]) -> str:
    """An FTS5 query that needs every term; each is quoted, so nothing a reader types is an operator."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def ranked_ids(terms: list[str], *, limit: int) -> list[int]:
    published_sql, published_params = Brief.objects.published().order_by().values("id").query.sql_with_params()
    weights = ", ".join(str(weight) for weight in WEIGHTS)
    sql = (
        f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid IN ({published_sql}) "  # noqa: S608
        f"ORDER BY bm25({TABLE}, {weights}), rowid DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match_expression(terms), *published_params, limit])
        return [row[0] for row in cursor.fetchall()]
