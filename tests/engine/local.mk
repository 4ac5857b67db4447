# tests/engine: see doc/hacking.md
