"""Write tiny tables in the data.census.gov download format, for tests."""

from __future__ import annotations

import csv
from pathlib import Path


def write_census_table(
    folder: Path,
    table_id: str,
    labels: dict[str, str],
    rows: dict[str, dict[str, tuple[object, object]]],
    *,
    vintage: str = "2023",
    encoding: str = "utf-8-sig",
) -> Path:
    """Write ``ACSDT5Y<vintage>.<table>-Data.csv`` like data.census.gov does.

    ``labels`` maps a line number ("001") to its label path without the
    "Estimate!!" prefix; ``rows`` maps a GEOID to {line: (estimate, moe)}.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"ACSDT5Y{vintage}.{table_id}-Data.csv"
    header, label_row = ["GEO_ID", "NAME"], ["Geography", "Geographic Area Name"]
    for line, label in labels.items():
        header += [f"{table_id}_{line}E", f"{table_id}_{line}M"]
        label_row += [f"Estimate!!{label}", f"Margin of Error!!{label}"]
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL)
        writer.writerow([*header, ""])
        writer.writerow([*label_row, ""])
        for geoid, values in rows.items():
            cells = [f"1400000US{geoid}", f"Census Tract {geoid[-6:]}; Test County; Test"]
            for line in labels:
                est, moe = values.get(line, (0, 0))
                cells += [str(est), str(moe)]
            writer.writerow([*cells, ""])
    return path
