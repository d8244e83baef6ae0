"""Who may see and change what: accounts, argon2 passwords, throttled sign-in, roles.

Pure domain code (no Streamlit); ``ui/auth.py`` keeps the signed-in state of a browser
session and asks :func:`require` before every write.
"""

from geo.accounts.accounts import (
    Account,
    count_active_admins,
    create_account,
    find_account_by_email,
    get_account,
    list_accounts,
    normalize_username,
    set_active,
    set_password,
    set_role,
)
from geo.accounts.passwords import check_strength, generate_password, hash_password, verify_password
from geo.accounts.roles import ACTIONS, ROLE_LABELS, ROLES, allowed_actions, can, rank, require
from geo.accounts.signin import (
    SignedIn,
    authenticate,
    is_expired,
    list_sign_ins,
    record_attempt,
    start_session,
    throttle_wait,
)

__all__ = [
    "ACTIONS",
    "ROLES",
    "ROLE_LABELS",
    "Account",
    "SignedIn",
    "allowed_actions",
    "authenticate",
    "can",
    "check_strength",
    "count_active_admins",
    "create_account",
    "find_account_by_email",
    "generate_password",
    "get_account",
    "hash_password",
    "is_expired",
    "list_accounts",
    "list_sign_ins",
    "normalize_username",
    "rank",
    "record_attempt",
    "require",
    "set_active",
    "set_password",
    "set_role",
    "start_session",
    "throttle_wait",
    "verify_password",
]
