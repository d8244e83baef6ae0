"""The community profile page's PDF: in the interface language the reader chose."""

from __future__ import annotations

from geo.i18n import translator
from tests.app.test_action_plan_pdf import deferred  # noqa: F401
from tests.pdf.reading import pdf_text, squeeze

PROFILE = "pages/community_profile.py"


def test_the_profile_pdf_is_in_the_interface_language(app, deferred, tmp_path):  # noqa: F811
    at = app()
    at.selectbox(key="ui.language").set_value("es").run()
    at.switch_page(PROFILE).run()
    assert not at.exception
    es = translator("es").gettext
    assert any(b.label == es("Download PDF") for b in at.get("download_button"))
    text = pdf_text(deferred["community_profile.pdf"](), tmp_path)
    for words in ("Perfil de la comunidad:", "Estimación ± MOE", "Confiabilidad", "página 1"):
        assert squeeze(words) in text, words
    for english in ("Community profile", "Estimate±MOE", "Reliability", "page1"):
        assert squeeze(english) not in text, english
