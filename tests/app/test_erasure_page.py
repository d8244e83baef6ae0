"""The erasure tab of the Users page as an admin uses it."""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db import add_asset, make_engine
from tests.db.conftest import org

PAGE = "pages/users.py"


def _contacts(tmp_path) -> list[str]:
    engine = make_engine(f"sqlite:///{tmp_path / 'assets.db'}")
    with engine.connect() as connection:
        return list(connection.scalars(sa.text("select name from contacts")))


def test_an_admin_erases_a_person_from_the_users_page(app, tmp_path):
    at = app(PAGE, role="admin")
    engine = make_engine(f"sqlite:///{tmp_path / 'assets.db'}")
    with Session(engine) as session, session.begin():
        add_asset(session, org("Kurdish Association", contacts=[{"name": "Leyla Demir"}]), user="x")
    at.run()
    assert not at.exception
    assert at.button(key="users.erase.go").disabled
    at.text_input(key="users.erase.name").input("leyla demir")
    at.checkbox(key="users.erase.sure").check().run()
    at.button(key="users.erase.go").click().run()
    assert not at.exception
    assert any("Erased: 1 contact," in s.value.replace("\\", "") for s in at.success)
    assert "Leyla Demir" not in _contacts(tmp_path)
