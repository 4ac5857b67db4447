# tests/db: see doc/hacking.md
