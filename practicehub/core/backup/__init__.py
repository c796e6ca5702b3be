"""Backup and restore: one archive holding a consistent database dump, every uploaded file and a
manifest with row counts and checksums (see README, "Backup and restore")."""
