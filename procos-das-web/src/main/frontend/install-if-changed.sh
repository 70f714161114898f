#!/bin/sh
# Installs the console's npm dependencies exactly as package-lock.json pins them, but only when
# node_modules does not already hold that lock file's install: an offline rebuild (mvn -o) with an
# up-to-date node_modules then needs neither the network nor npm. Run from src/main/frontend.
set -e
stamp=node_modules/.procos-installed-lock.json
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  echo "front end: node_modules matches package-lock.json, npm ci skipped"
  exit 0
fi
npm ci --no-audit --no-fund --ignore-scripts --prefer-offline
cp package-lock.json "$stamp"
