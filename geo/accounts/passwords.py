"""Password hashing with argon2id (argon2-cffi); plaintext is never stored, logged or returned."""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from geo.errors import ValidationError
from geo.messages import N_, Message

MIN_LENGTH = 10
_HASHER = PasswordHasher()  # argon2id, RFC 9106 low-memory profile defaults


@cache
def _dummy_hash() -> str:
    """Verified against when the user is unknown, so both paths cost one verification."""
    return _HASHER.hash("welcome-atlas: no such user")


def check_strength(password: str, *, username: str = "") -> None:
    """Refuse passwords that are too short or equal to the user name.

    Raises
    ------
    ValidationError
        Saying what to change; the message never repeats the password.
    """
    if len(password) < MIN_LENGTH:
        raise ValidationError(
            Message(
                N_(
                    "The password is too short: use at least {count} characters (a few words "
                    "in a row is easy to remember)."
                ),
                count=MIN_LENGTH,
            )
        )
    if username and password.strip().lower() == username.strip().lower():
        raise ValidationError(Message(N_("The password must not be the user name.")))


def hash_password(password: str, *, username: str = "") -> str:
    """Return the argon2id hash of ``password`` after :func:`check_strength`.

    Parameters
    ----------
    password : str
        The new password (kept only in memory for this call).
    username : str, optional
        Refused as a password.

    Returns
    -------
    str
        An ``$argon2id$...`` string holding salt and parameters.

    Raises
    ------
    ValidationError
        If the password is too weak.
    """
    check_strength(password, username=username)
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Return True when ``password`` matches ``password_hash``.

    A missing hash (unknown user, or an account that signs in only through the identity
    provider) is checked against a dummy hash, so the answer takes the same time.
    """
    try:
        return _HASHER.verify(password_hash or _dummy_hash(), password) and bool(password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def rehash_password(password: str) -> str:
    """Hash an already accepted password again with the current parameters."""
    return _HASHER.hash(password)


def needs_rehash(password_hash: str) -> bool:
    """Return True when the hash was made with older, weaker parameters."""
    return _HASHER.check_needs_rehash(password_hash)


def generate_password(words: int = 4) -> str:
    """A random initial password an admin can read out: ``word-word-word-1234`` style."""
    alphabet = "abcdefghjkmnpqrstuvwxyz"
    parts = ["".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(words)]
    return "-".join(parts) + f"-{secrets.randbelow(10_000):04d}"
