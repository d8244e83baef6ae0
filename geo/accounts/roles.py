"""Roles and what each may do; every write path asks :func:`require` before it writes.

Anonymous visitors have the role ``None`` and may only do the public actions: the map,
profiles and presentations, without personal contacts or internal notes.
"""

from __future__ import annotations

from geo.errors import PermissionDenied
from geo.messages import N_, Listing, Message

ROLES: tuple[str, ...] = (N_("viewer"), N_("editor"), N_("admin"))  # N_: shown in messages
ROLE_LABELS: dict[str, str] = {
    "viewer": N_("Viewer (reads staff data)"),
    "editor": N_("Editor (branch staff: edits, imports, field work)"),
    "admin": N_("Admin (accounts, backup and restore)"),
}

# action -> (plain description, lowest role allowed; None = anyone, even signed out)
ACTIONS: dict[str, tuple[str, str | None]] = {
    "view_public": (N_("see the map, community profiles and presentations"), None),
    "view_internal": (
        N_("see the staff directory, contact persons, notes, engagement log and action plan"),
        "viewer",
    ),
    "export_full": (N_("download the full directory (CSV, Excel, GeoJSON, HSDS)"), "viewer"),
    "edit_assets": (N_("add, edit, archive, restore and place organizations"), "editor"),
    "import": (N_("import organizations from files"), "editor"),
    "fieldwork_write": (N_("plan walkabouts, log engagement, edit the action plan"), "editor"),
    "backup_restore": (N_("back up or restore the whole database"), "admin"),
    "manage_users": (N_("create accounts and change roles"), "admin"),
}


def rank(role: str | None) -> int:
    """0 for anonymous, then 1, 2, 3 in the order of :data:`ROLES`.

    Raises
    ------
    PermissionDenied
        If ``role`` is not one of :data:`ROLES` (a stored role this version does not know
        gets no rights at all rather than a guess).
    """
    if role is None:
        return 0
    if role not in ROLES:
        raise PermissionDenied(
            Message(
                N_("The role '{role}' is unknown. Ask an admin to set one of: {roles}."),
                role=role,
                roles=Listing((Message(r) for r in ROLES), ", "),
            )
        )
    return ROLES.index(role) + 1


def can(role: str | None, action: str) -> bool:
    """Return True when ``role`` (None = signed out) may do ``action``.

    Parameters
    ----------
    role : str or None
        One of :data:`ROLES`, or None for an anonymous visitor.
    action : str
        A key of :data:`ACTIONS`.

    Raises
    ------
    KeyError
        If ``action`` is not a key of :data:`ACTIONS` (a typo must not grant anything).
    """
    _, lowest = ACTIONS[action]
    try:
        return rank(role) >= rank(lowest)
    except PermissionDenied:
        return False


def require(role: str | None, action: str) -> None:
    """Refuse ``action`` unless ``role`` may do it.

    Raises
    ------
    PermissionDenied
        With a plain message naming the action and the role needed.
    """
    if can(role, action):
        return
    description, lowest = ACTIONS[action]
    if role is None:
        raise PermissionDenied(
            Message(
                N_("Sign in to {action}: it needs a {role} account. Nothing was changed."),
                action=Message(description),
                role=Message(str(lowest)),
            )
        )
    raise PermissionDenied(
        Message(
            N_(
                "Your role ({role}) may not {action}; it needs {lowest} or above. Ask an admin "
                "if you need it. Nothing was changed."
            ),
            role=Message(role),
            action=Message(description),
            lowest=Message(str(lowest)),
        )
    )


def allowed_actions(role: str | None) -> list[str]:
    """Every action ``role`` may do, in the order of :data:`ACTIONS`."""
    return [a for a in ACTIONS if can(role, a)]
