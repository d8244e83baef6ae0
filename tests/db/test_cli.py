"""``python -m geo db backup/restore`` round-trips the database from the command line."""

import sqlalchemy as sa

from geo.__main__ import main


def _count(url: str) -> int:
    with sa.create_engine(url).connect() as connection:
        return connection.scalar(sa.text("select count(*) from organizations"))


def test_backup_then_restore_from_the_command_line(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'assets.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    backup = tmp_path / "backups" / "atlas.jsonl.gz"
    assert main(["db", "backup", str(backup)]) == 0
    seeded = _count(url)
    with sa.create_engine(url).begin() as connection:
        connection.execute(sa.text("update organizations set status = 'archived'"))
    assert main(["db", "restore", str(backup)]) == 2  # refuses without --yes
    assert main(["db", "restore", str(backup), "--yes"]) == 0
    with sa.create_engine(url).connect() as connection:
        active = connection.scalar(
            sa.text("select count(*) from organizations where status = 'active'")
        )
    assert active == seeded == _count(url)
    assert "restored" in capsys.readouterr().out


def test_nightly_backups_into_a_folder_keep_the_newest_n(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'assets.db'}")
    monkeypatch.setenv("WELCOME_ATLAS_BACKUP_KEEP", "3")
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a backup, never removed")
    for _ in range(5):
        assert main(["db", "backup", str(folder)]) == 0
    kept = sorted(p.name for p in folder.glob("welcome-atlas-*.jsonl.gz"))
    assert len(kept) == 3 and (folder / "notes.txt").exists()
    printed = capsys.readouterr().out.splitlines()
    assert [line.split()[1].rstrip(":").rsplit("/", 1)[1] for line in printed[-3:]] == kept
    assert main(["db", "backup", str(folder), "--keep", "1"]) == 0
    assert len(list(folder.glob("welcome-atlas-*.jsonl.gz"))) == 1
    newest = next(folder.glob("welcome-atlas-*.jsonl.gz"))
    assert main(["db", "restore", str(newest), "--yes"]) == 0


def test_erasure_and_retention_review_from_the_command_line(tmp_path, monkeypatch, capsys):
    from sqlalchemy.orm import Session

    from geo.db import add_asset, open_database
    from tests.db.conftest import org

    url = f"sqlite:///{tmp_path / 'assets.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    with Session(open_database(url)) as session, session.begin():
        contacts = [{"name": "Leyla Demir", "phone": "555-0199"}]
        add_asset(session, org("Kurdish Association", contacts=contacts), user="ana")
    assert main(["db", "contacts-due", "--months", "0"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[-1].endswith("contact persons not changed for 0 months")
    count = int(listed[-1].split()[0])
    assert count >= 1 and len(listed) == count + 1
    name = listed[0].split("\t")[3]
    assert main(["db", "erase-person", name]) == 2  # refuses without --yes
    assert main(["db", "erase-person", name, "--yes"]) == 0
    assert "erased: 1 contacts, 1 organizations" in capsys.readouterr().out
    assert main(["db", "contacts-due", "--months", "0"]) == 0
    assert name not in capsys.readouterr().out
