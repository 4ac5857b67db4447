# tests/screen: see doc/hacking.md
