"""Charts, reports, and export and import formats."""
