#!/bin/bash
# Stands in for nanoCLR under run-firmware.sh: keeps the converted assemblies in $CAPTURE_DIR, then runs the real
# interpreter ($REAL_NANOCLR) on them, so measure-heap.sh compiles once and runs many times.
set -u
cp "$1" "$2" "$CAPTURE_DIR/"
exec "$REAL_NANOCLR" "$@"
