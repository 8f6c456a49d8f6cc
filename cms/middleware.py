"""Request hygiene that applies to every address, public or admin, before any view or cache sees it."""

from django.http import HttpResponseBadRequest

NUL = "\x00"
NUL_REFUSAL = "Bad request: NUL byte in the address or form."
NUL_COOKIE_REFUSAL = "Bad request: NUL byte in a cookie. Clear this site's cookies and try again."


def holds_nul(query_dict) -> bool:
    """True when any field name or value of a QueryDict (GET or POST) contains a NUL character."""
    return any(NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists())


def holds_nul_cookie(cookies) -> bool:
    """True when any cookie name or value (as Django parsed the Cookie header) contains a NUL character."""
    return any(NUL in name or NUL in value for name, value in cookies.items())


class RefuseNulBytesMiddleware:
    """Answer 400 to a request with a NUL character in its path, query string, form fields or cookies.

    No page or form of the site has a use for NUL, and PostgreSQL refuses it in any string: before
    this, a NUL reaching a query (a slug, a filter, a search term) raised DataError, a 500 (issue 11,
    finding 11). Checking once here covers every view, feed and admin page, present and future.

    `%00` arrives decoded in the path and in the parsed GET and POST dicts, so one test covers raw and
    percent-encoded NULs. POST is parsed here instead of lazily in the view; Django would parse it in
    CsrfViewMiddleware for every POST anyway. Uploaded files are not in request.POST, so a NUL inside a
    file's content is left to the importer, which judges file content.

    Cookies too: a quoted cookie value may spell NUL as the octal escape `\\000`, which Django's cookie
    parser decodes, so `sessionid="abcdefghijk\\000lmnop"` reached the session lookup and gave a 500 on
    every page that reads the session, /admin/ included (issue 11 follow-up). A browser never sends one;
    the answer says what a person with a damaged cookie can do.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path or holds_nul(request.GET) or (request.method == "POST" and holds_nul(request.POST)):
            return HttpResponseBadRequest(NUL_REFUSAL, content_type="text/plain; charset=utf-8")
        if holds_nul_cookie(request.COOKIES):
            return HttpResponseBadRequest(NUL_COOKIE_REFUSAL, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
