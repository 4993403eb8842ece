//! IMDb's ratings and list exports (CSV), read by column name.
