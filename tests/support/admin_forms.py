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
