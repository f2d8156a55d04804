"""The public complaint form: what a customer sends is stored, becomes a case, is acknowledged."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sentinelle.cases.models import Case
from sentinelle.core.models import Outbox
from sentinelle.core.outbox import deliver_pending
from sentinelle.listening.models import Attachment, Mention
from sentinelle.portal.models import Submission
from tests.portal.conftest import PDF, PNG, complaint


def _url(brand, **query):
    url = reverse("portal:form", args=[brand.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_form_speaks_french_first_and_english_on_demand(client, brand):
    french = client.get(_url(brand))
    assert french.status_code == 200
    assert '<html lang="fr">' in french.text
    assert "Envoyer ma réclamation" in french.text
    english = client.get(_url(brand, lang="en"))
    assert "Send my complaint" in english.text


def test_the_form_can_be_embedded_by_the_brands_own_site_only(client, brand):
    from sentinelle.portal.models import PortalSettings

    PortalSettings.objects.create(brand=brand, embed_origins="https://www.velonova.example")
    response = client.get(_url(brand))
    assert "X-Frame-Options" not in response.headers
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://www.velonova.example" in policy
    assert "script-src 'none'" in policy


def test_a_complaint_becomes_a_mention_a_customer_a_case_and_an_acknowledgement(
    client, brand, smtp
):
    response = client.post(_url(brand), complaint())
    assert response.status_code == 200
    case = Case.objects.get(brand=brand)
    assert case.reference in response.text
    assert case.customer.display_name == "Nadia Benali"
    identifiers = set(case.customer.identifiers.values_list("kind", "value"))
    assert identifiers == {("email", "nadia.benali@example.org"), ("order", "VN-482913")}
    mention = Mention.objects.get(brand=brand, channel="form")
    assert "deux fois" in mention.text and "roue avant voilée" in mention.text
    assert mention.case_link.case == case
    link = re.search(r'href="(http://testserver/p/velonova/suivi/[^/"]+/)', response.text)
    assert link, "the acknowledgement page shows the private tracking link"
    assert deliver_pending() == 1
    [mail] = smtp.messages
    assert mail["To"] == "nadia.benali@example.org"
    assert case.reference in mail["Subject"]
    assert link.group(1) in mail.get_content()


def test_a_second_complaint_from_the_same_customer_joins_their_open_case(client, brand):
    client.post(_url(brand), complaint())
    client.post(_url(brand), complaint(problem="Et maintenant la selle est cassée aussi."))
    assert Case.objects.filter(brand=brand).count() == 1
    assert Case.objects.get().mention_links.count() == 2


def test_attachments_are_kept_when_their_bytes_say_photo_or_pdf(client, brand):
    files = [
        SimpleUploadedFile("roue.png", PNG, content_type="image/png"),
        SimpleUploadedFile("facture.pdf", PDF, content_type="application/pdf"),
    ]
    response = client.post(_url(brand), {**complaint(), "attachments": files})
    assert response.status_code == 200
    kept = Attachment.objects.filter(brand=brand).order_by("original_name")
    assert [(a.original_name, a.content_type) for a in kept] == [
        ("facture.pdf", "application/pdf"),
        ("roue.png", "image/png"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "claimed"),
    [
        ("photo.png", b"MZ\x90\x00 this is an executable", "image/png"),
        ("page.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"),
        ("virus.exe", b"MZ\x90\x00", "application/octet-stream"),
        ("image.svg", b"<svg onload=alert(1)></svg>", "image/svg+xml"),
    ],
)
def test_lying_or_wrong_file_types_are_refused_with_a_clear_error(
    client, brand, name, content, claimed
):
    upload = SimpleUploadedFile(name, content, content_type=claimed)
    response = client.post(_url(brand), {**complaint(), "attachments": [upload]})
    assert response.status_code == 400
    assert "n’est pas une photo" in response.text or "n'est pas une photo" in response.text
    assert not Case.objects.exists()


def test_a_too_large_file_is_refused(client, brand):
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (5 * 1024 * 1024), content_type="image/png")
    response = client.post(_url(brand), {**complaint(), "attachments": [big]})
    assert response.status_code == 400
    assert "5 Mo" in response.text or "5 MB" in response.text


def test_hostile_text_is_stored_as_text_and_never_executed(client, brand):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> ‮gnp.exe'
    response = client.post(_url(brand), complaint(name=hostile[:150], problem=hostile * 3))
    assert response.status_code == 200
    mention = Mention.objects.get(channel="form")
    assert "<script>" in mention.text_raw
    link = re.search(r'href="http://testserver(/p/velonova/suivi/[^/"]+/)', response.text)
    page = client.get(link.group(1))
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;" in page.text


def test_ten_megabytes_of_text_get_a_clear_error_not_a_crash(client, brand):
    response = client.post(_url(brand), complaint(problem="a" * 10_000_000))
    assert response.status_code == 413
    assert "trop volumineux" in response.text
    assert not Submission.objects.exists()


def test_control_characters_and_missing_fields_are_explained(client, brand):
    response = client.post(_url(brand), complaint(name="Nadia\x00\x07", email="pas-un-email"))
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert "caractères de contrôle invisibles" in response.text
    assert not Submission.objects.exists()


def test_the_honeypot_sends_robots_to_the_spam_folder(client, brand):
    response = client.post(_url(brand), complaint(website="http://buy-now.example"))
    assert response.status_code == 200
    submission = Submission.objects.get()
    assert submission.status == "spam" and "honeypot" in submission.reason
    assert not Case.objects.exists()


def test_rate_limits_hold_submissions_for_review_never_drop_them(client, brand, dana):
    for n in range(3):
        client.post(_url(brand), complaint(problem=f"Problème numéro {n}, vélo cassé encore."))
    held = client.post(_url(brand), complaint(problem="Quatrième message, toujours rien."))
    assert held.status_code == 429
    assert "gardé" in held.text
    spam = Submission.objects.get(status="spam")
    assert "e-mail" in spam.reason
    client.force_login(dana)
    desk = client.get(reverse("web:portal_desk:submissions", args=[brand.slug]))
    assert "Quatrième message" in desk.text
    client.post(reverse("web:portal_desk:submission_release", args=[brand.slug, spam.pk]))
    spam.refresh_from_db()
    assert spam.status == "accepted"
    assert Mention.objects.filter(channel="form").count() == 4


def test_a_failing_mail_server_is_retried_later_and_nothing_is_lost(client, brand, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.EMAIL_USE_TLS = False
    client.post(_url(brand), complaint())
    assert Case.objects.count() == 1
    assert deliver_pending() == 0
    message = Outbox.objects.get()
    assert message.sent_at is None and message.attempts == 1
    assert message.last_error and not message.failed_permanently
    assert message.next_attempt_at > message.created_at


def test_unicode_tricks_in_file_names_and_text_are_neutralised(client, brand):
    sneaky = SimpleUploadedFile(
        "facture\u202egnp.exe", PNG, content_type="application/x-msdownload"
    )
    text = (
        "Ré\u200bclamation : l\u2019écran ﬁssuré, ｆｕｌｌｗｉｄｔｈ, e\u0301, 👩\u200d🔧 "
        "— commande VN-482913"
    )
    response = client.post(_url(brand), {**complaint(problem=text), "attachments": [sneaky]})
    assert response.status_code == 200
    attachment = Attachment.objects.get()
    assert attachment.original_name == "facturegnp.png"
    assert attachment.content_type == "image/png"
    assert "\u202e" not in attachment.file.name
    assert "ﬁssuré" in Mention.objects.get(channel="form").text_raw


def test_a_plain_html_form_on_the_brands_own_site_can_post_without_a_token(brand):
    from django.test import Client

    outside = Client(enforce_csrf_checks=True, HTTP_ORIGIN="https://www.velonova.example")
    response = outside.post(
        _url(brand),
        {
            "name": "Léa",
            "email": "lea@example.org",
            "earlier_contact": "none",
            "problem": "Le cadenas s'ouvre avec un stylo, je veux un échange.",
            "wish": "other",
        },
    )
    assert response.status_code == 200
    assert Case.objects.filter(brand=brand).count() == 1


def test_the_brand_logo_is_served_only_when_it_is_an_image(client, brand, tmp_path, settings):
    from django.core.files.base import ContentFile

    from sentinelle.portal.models import PortalSettings

    settings.MEDIA_ROOT = tmp_path
    portal = PortalSettings.objects.create(brand=brand)
    assert client.get(reverse("portal:logo", args=[brand.slug])).status_code == 404
    portal.logo.save("logo.png", ContentFile(PNG))
    response = client.get(reverse("portal:logo", args=[brand.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert 'src="/p/velonova/logo"' in client.get(_url(brand)).text
    portal.logo.save("logo.png", ContentFile(b"<svg onload=alert(1)>"))
    assert client.get(reverse("portal:logo", args=[brand.slug])).status_code == 404


def test_a_disabled_page_or_unknown_brand_is_not_found(client, brand):
    from sentinelle.portal.models import PortalSettings

    assert client.get("/p/nope/").status_code == 404
    PortalSettings.objects.create(brand=brand, enabled=False)
    assert client.get(_url(brand)).status_code == 404


def test_form_complaints_are_analysed_like_any_mention(client, brand):
    problem = (
        "Mon vélo est arrivé avec la roue voilée. J'ai appelé trois fois le service client, "
        "personne ne répond. Je vais saisir l'UFC-Que Choisir."
    )
    client.post(_url(brand), complaint(problem=problem))
    mention = Mention.objects.get(channel="form")
    assert mention.analyzed_at is not None
    assert mention.is_complaint is True and mention.language == "fr"
    signals = {s["kind"] for s in mention.analysis["signals"]}
    assert {"double_deviation", "threat"} <= signals


def test_a_flood_of_files_gets_a_clear_error(client, brand):
    files = [SimpleUploadedFile(f"p{n}.png", PNG, content_type="image/png") for n in range(120)]
    response = client.post(_url(brand), {**complaint(), "attachments": files})
    assert response.status_code == 413
    assert "5 fichiers" in response.text
    assert not Submission.objects.exists()
