"""Everything folium: base map, offline assets, tract, organization, branch and route layers."""
