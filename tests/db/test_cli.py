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
