"""The role x action table: who may do what (anonymous = None)."""

from __future__ import annotations

import pytest

from geo.accounts import ACTIONS, can, require
from geo.errors import PermissionDenied

EXPECTED = {  # action: (anonymous, viewer, editor, admin)
    "view_public": (True, True, True, True),
    "view_internal": (False, True, True, True),
    "export_full": (False, True, True, True),
    "edit_assets": (False, False, True, True),
    "import": (False, False, True, True),
    "fieldwork_write": (False, False, True, True),
    "backup_restore": (False, False, False, True),
    "manage_users": (False, False, False, True),
}
ROLES = (None, "viewer", "editor", "admin")


def test_every_action_is_in_the_table() -> None:
    assert set(EXPECTED) == set(ACTIONS)


@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("role_index", range(4), ids=["anonymous", "viewer", "editor", "admin"])
def test_role_action_matrix(action: str, role_index: int) -> None:
    role = ROLES[role_index]
    assert can(role, action) is EXPECTED[action][role_index]
    if EXPECTED[action][role_index]:
        require(role, action)
    else:
        with pytest.raises(PermissionDenied, match="Nothing was changed"):
            require(role, action)


def test_unknown_roles_and_actions_grant_nothing() -> None:
    assert not can("superuser", "view_internal")
    with pytest.raises(KeyError):
        can("admin", "delete_everything")
