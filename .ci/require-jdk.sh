#!/usr/bin/env bash
# Succeeds when a JDK >= 21 is installed where maven-toolchains-plugin looks for one (JAVA_HOME, PATH, /usr/lib/jvm).
# On Debian releases that package one, installs it with apt when none is present.
set -euo pipefail

major_of() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1; }

for home in ${JAVA_HOME:-} /usr/lib/jvm/*; do
  [ -x "$home/bin/javac" ] || continue
  major=$(major_of "$home")
  if [ -n "$major" ] && [ "$major" -ge 21 ]; then
    echo "JDK $major found at $home"
    exit 0
  fi
done

echo "no JDK >= 21 found; trying apt" >&2
apt-get update -qq
for pkg in openjdk-25-jdk-headless openjdk-21-jdk-headless; do
  if apt-cache show "$pkg" >/dev/null 2>&1; then
    apt-get install -y -qq --no-install-recommends "$pkg"
    exit 0
  fi
done
echo "error: no JDK >= 21 available (install Temurin 21+ under /usr/lib/jvm)" >&2
exit 1
