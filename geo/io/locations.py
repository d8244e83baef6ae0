"""The 'needs location' list: organizations imported without coordinates, placed later by hand."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from geo.db import Asset, list_assets, update_asset
from geo.errors import ValidationError
from geo.io.validation import check_coordinates
from geo.messages import N_, Message


def list_needs_location(session: Session) -> pd.DataFrame:
    """Active organizations without coordinates (columns of :func:`geo.db.list_assets`)."""
    frame = list_assets(session)
    return frame[frame["needs_location"]].reset_index(drop=True)


def set_location(
    session: Session,
    organization_id: str,
    lat: float | str | None,
    lon: float | str | None,
    *,
    user: str,
    expected_version: int,
) -> Asset:
    """Place an organization by typed coordinates (decimal degrees).

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session; the caller commits.
    organization_id : str
        Organization id.
    lat, lon : float or str
        Latitude and longitude; text such as '40,7128' is accepted.
    user : str
        Who places it (change log).
    expected_version : int
        Version the user saw; a newer save raises :class:`~geo.errors.EditConflict`.

    Returns
    -------
    Asset
        The updated organization.

    Raises
    ------
    ValidationError
        For non-numeric or impossible coordinates (with a swapped lat/lon hint).
    AssetNotFound, EditConflict
        From :func:`geo.db.update_asset`.
    """
    lat_value, lon_value, problems = check_coordinates(_typed(lat), _typed(lon))
    if problems or lat_value is None:
        field, reason = problems[0] if problems else ("lat/lon", Message(N_("are both empty")))
        raise ValidationError(
            Message(
                N_("The location of '{id}' was not saved: '{field}' {reason}."),
                id=organization_id,
                field=field,
                reason=reason,
            ),
            [{"field": field, "message": reason}],
        )
    return update_asset(
        session,
        organization_id,
        {"lat": lat_value, "lon": lon_value},
        expected_version=expected_version,
        user=user,
    )


def _typed(value: float | str | None) -> str:
    """What the user typed; an empty number box arrives as None."""
    return "" if value is None else str(value)
