"""404, 500, 400, 403 and CSRF-failure pages in the site's style."""

import pytest
from django.test import Client, RequestFactory
from django.urls import get_resolver

pytestmark = pytest.mark.urls("tests.error_urls")


@pytest.mark.django_db
def test_an_unknown_address_gets_the_styled_404_page(client):
    response = client.get("/no-such-place/")

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    body = response.content.decode()
    assert "We could not find that page" in body
    assert 'href="/locations/"' in body
    assert "css/site.css" in body


def test_the_500_page_renders_without_a_database_or_request_context():
    # No db fixture: any query here would fail the test.
    handler = get_resolver().resolve_error_handler(500)
    response = handler(RequestFactory().get("/"))

    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert "css/site.css" in body


@pytest.mark.django_db
def test_an_uncaught_exception_answers_with_the_500_page_and_the_security_headers(client):
    client.raise_request_exception = False

    response = client.get("/test/boom/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_a_forbidden_page_gets_the_styled_403_page(client):
    response = client.get("/test/forbidden/")

    assert response.status_code == 403
    assert "You are not allowed to see this page" in response.content.decode()


@pytest.mark.django_db
def test_suspicious_input_gets_the_styled_400_page(client):
    response = client.get("/test/suspicious/")

    assert response.status_code == 400
    assert "We could not understand that request" in response.content.decode()


@pytest.mark.django_db
def test_a_wrong_host_header_gets_400(client):
    response = client.get("/", headers={"host": "attacker.example"})

    assert response.status_code == 400
    assert "We could not understand that request" in response.content.decode()


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_the_styled_csrf_page():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/i18n/setlang/", {"language": "ja"})

    assert response.status_code == 403
    body = response.content.decode()
    assert "This form could not be sent" in body
    assert "allow cookies" in body
