"""What a feed sync did (or, in a dry run, would do): :class:`SyncReport` and its sentences."""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.messages import N_, Message, enumeration

__all__ = ["SyncReport"]


@dataclass(kw_only=True)
class SyncReport:
    """What a sync did (or, in a dry run, would do), per feed id."""

    source: str
    feed_rows: int = 0
    added: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)
    archived: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    kept: list[dict[str, object]] = field(default_factory=list)
    duplicates: list[dict[str, object]] = field(default_factory=list)
    rejected: list[dict[str, object]] = field(default_factory=list)
    dry_run: bool = False

    def counts(self) -> dict[str, int]:
        """The figures of the sync, as the change log keeps them."""
        return {
            "feed rows": self.feed_rows,
            "added": len(self.added),
            "changed": len(self.updated),
            "archived": len(self.archived),
            "restored": len(self.restored),
            "staff edits kept": len(self.kept),
            "duplicates": len(self.duplicates),
            "rejected": len(self.rejected),
        }

    def lines(self) -> list[Message]:
        """The report as sentences: English for the CLI, said in its language on the page.

        Feed ids, field names, names and values stay as the feed wrote them.
        """
        out = [self._headline()]
        out += [
            Message(N_("changed {id}: {fields}"), id=sid, fields=enumeration(fields))
            for sid, fields in self.updated.items()
        ]
        out += [
            Message(N_("archived {id} (left the feed; can be restored)"), id=sid)
            for sid in self.archived
        ]
        out += [
            Message(
                N_("kept staff edit of {id} {field} by {who} (feed has {value})"),
                id=k["source_id"],
                field=k["field"],
                who=k["changed_by"],
                value=repr(k["feed_value"]),
            )
            for k in self.kept
        ]
        out += [
            Message(N_("possible duplicate: {message}"), message=d["message"])
            for d in self.duplicates
        ]
        out += [
            Message(N_("rejected row {row}: {message}"), row=str(r["row"]), message=r["message"])
            for r in self.rejected
        ]
        return out

    def _headline(self) -> Message:
        counts = Message(
            N_(
                "{source}: {feed_rows} feed rows, {added} added, {changed} changed, "
                "{archived} archived, {restored} restored, {kept} staff edits kept, "
                "{duplicates} duplicates, {rejected} rejected"
            ),
            source=self.source,
            feed_rows=self.feed_rows,
            added=len(self.added),
            changed=len(self.updated),
            archived=len(self.archived),
            restored=len(self.restored),
            kept=len(self.kept),
            duplicates=len(self.duplicates),
            rejected=len(self.rejected),
        )
        if self.dry_run:
            return Message(N_("Dry run, nothing written: {report}"), report=counts)
        return counts
