"""Encryption at rest: the cipher envelope, key derivation, the recovery key and key wrapping.

Pure functions over bytes (no database, no files); the storage layer applies them
at the repository boundary. The format is documented byte by byte in
docs/decisions/0005-encryption-at-rest.md.
"""
