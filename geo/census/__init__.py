"""Census data in: study areas from data.census.gov downloads, the Census Data API,
tract boundary files, IMLS library outlets, or any polygon layer with a table of counts.
"""

from geo.census.api import CensusApiError, fetch_census_api
from geo.census.boundaries import import_tract_boundaries, read_polygons
from geo.census.branches import import_branches_imls
from geo.census.imports import (
    ImportReport,
    import_census_api,
    import_census_download,
    import_generic,
)
from geo.census.store import DEMO_NAME, StudyAreaInfo, StudyAreaNotFound, StudyAreaStore

__all__ = [
    "DEMO_NAME",
    "CensusApiError",
    "ImportReport",
    "StudyAreaInfo",
    "StudyAreaNotFound",
    "StudyAreaStore",
    "fetch_census_api",
    "import_branches_imls",
    "import_census_api",
    "import_census_download",
    "import_generic",
    "import_tract_boundaries",
    "read_polygons",
]
