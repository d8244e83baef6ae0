"""Spatial analysis over tracts and organizations: catchments (and gaps)."""
