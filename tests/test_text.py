from sentinelle.core.text import fingerprint, html_to_text, plain_text


def test_html_to_text_drops_scripts_and_keeps_blocks():
    html = "<p>Bonjour</p><script>alert(1)</script><style>p{}</style><p>le&nbsp;vélo &amp; moi</p>"
    assert html_to_text(html) == "Bonjour\n\nle vélo & moi"


def test_plain_text_removes_control_characters():
    assert plain_text("a\x00b\u200bc\r\nd", "text/plain") == "abc\nd"


def test_reposts_share_a_fingerprint():
    a = "Le cadenas Bastion U s'ouvre avec un STYLO https://carnet.example/a"
    b = "le cadenas bastion u s’ouvre avec un stylo !! https://t.example/xyz"
    assert fingerprint(a) == fingerprint(b.replace("’", "'"))
    assert fingerprint(a) != fingerprint("Le cadenas Bastion U tient bon")
