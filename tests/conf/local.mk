# tests/conf: see doc/hacking.md
