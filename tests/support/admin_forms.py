"""Play the admin's change form the way a browser does: load it, change a field, post it back."""

from django.test import Client


def loaded_form(client, url):
    """The change form the admin rendered for `client`, as it would post it back: every field, hidden ones too."""
    form = client.get(url).context["adminform"].form
    return {name: form[name].value() for name in form.fields if form[name].value() is not None}


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def two_saves_of_one_version(url, first_user, second_user, field, first_value, second_value):
    """Two people open the same change form; the first saves `first_value`, then the second posts theirs.

    Returns the second post's response (a refusal keeps the form on the page with status 200).
    """
    first, second = logged_in(first_user), logged_in(second_user)
    first_form, second_form = loaded_form(first, url), loaded_form(second, url)
    first.post(url, first_form | {field: first_value})
    return second.post(url, second_form | {field: second_value})
