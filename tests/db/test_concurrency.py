"""Two people editing the same organization: the second save is refused, nothing overwritten."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db import add_asset, archive_asset, get_asset, get_history, update_asset
from geo.errors import EditConflict
from tests.db.conftest import org


@pytest.fixture
def organization_id(engine: sa.Engine) -> str:
    with Session(engine) as session, session.begin():
        return add_asset(session, org("Shared Pantry", phone="555-0100"), user="ana").id


def test_second_save_from_a_stale_form_is_refused(engine: sa.Engine, organization_id: str) -> None:
    with Session(engine) as first, Session(engine) as second:
        opened_by_first = get_asset(first, organization_id).version
        opened_by_second = get_asset(second, organization_id).version
        update_asset(
            first,
            organization_id,
            {"name": "Shared Pantry North", "phone": "555-0199"},
            expected_version=opened_by_first,
            user="amira",
        )
        first.commit()
        with pytest.raises(EditConflict) as caught:
            update_asset(
                second,
                organization_id,
                {"name": "Shared Pantry South"},
                expected_version=opened_by_second,
                user="boris",
            )
        second.rollback()
    message = str(caught.value)
    assert (
        "amira" in message and "Shared Pantry North" in message and "Shared Pantry South" in message
    )
    by_field = {c["field"]: c for c in caught.value.changes}
    assert by_field["name"]["their_value"] == "Shared Pantry North"
    assert by_field["name"]["your_value"] == "Shared Pantry South"
    assert (
        by_field["phone"]["you_changed"] is False and by_field["phone"]["their_value"] == "555-0199"
    )
    with Session(engine) as session:
        stored = get_asset(session, organization_id)
        assert (stored.name, stored.version) == ("Shared Pantry North", 2)
        assert not any(c.changed_by == "boris" for c in get_history(session, organization_id))


def test_racing_saves_on_two_connections(engine: sa.Engine, organization_id: str) -> None:
    """The first save holds its transaction open while the second one runs."""
    outcome: dict[str, object] = {}
    first = Session(engine)
    first.begin()
    update_asset(first, organization_id, {"phone": "555-1111"}, expected_version=1, user="amira")
    started = threading.Event()

    def second_save() -> None:
        with Session(engine) as second:
            try:
                with second.begin():
                    started.set()
                    update_asset(
                        second,
                        organization_id,
                        {"phone": "555-2222"},
                        expected_version=1,
                        user="boris",
                    )
                outcome["result"] = "saved"
            except EditConflict as err:
                outcome["result"] = err

    thread = threading.Thread(target=second_save)
    thread.start()
    started.wait(5)
    thread.join(0.5)  # the second save is now waiting for the first transaction's lock
    first.commit()
    first.close()
    thread.join(30)
    assert isinstance(outcome["result"], EditConflict), outcome
    assert "amira" in str(outcome["result"]) and "555-1111" in str(outcome["result"])
    with Session(engine) as session:
        stored = get_asset(session, organization_id)
        assert (stored.phone, stored.version) == ("555-1111", 2)


def test_many_writers_one_winner_per_version(engine: sa.Engine, organization_id: str) -> None:
    results: list[str] = []
    barrier = threading.Barrier(4)

    def save(user: str) -> None:
        barrier.wait()
        with Session(engine) as session:
            try:
                with session.begin():
                    update_asset(
                        session,
                        organization_id,
                        {"description": user},
                        expected_version=1,
                        user=user,
                    )
                results.append("saved")
            except EditConflict:
                results.append("conflict")

    threads = [threading.Thread(target=save, args=(f"user{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(results) == ["conflict", "conflict", "conflict", "saved"]
    with Session(engine) as session:
        assert get_asset(session, organization_id).version == 2


def test_archive_with_stale_version_is_refused(engine: sa.Engine, organization_id: str) -> None:
    with Session(engine) as session, session.begin():
        update_asset(
            session, organization_id, {"phone": "555-3333"}, expected_version=1, user="amira"
        )
    with (
        pytest.raises(EditConflict, match="amira"),
        Session(engine) as session,
        session.begin(),
    ):
        archive_asset(session, organization_id, user="boris", expected_version=1)
