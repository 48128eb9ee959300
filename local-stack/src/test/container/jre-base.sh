#!/usr/bin/env bash
# Builds the image localhost/ocellus-jre-base:test without a registry: this machine's Debian-packaged Java 17 and C
# libraries, plus sh, curl and id, offering what the services' Dockerfile.jvm expects of its UBI base image
# (user 185, /deployments, /opt/jboss/container/java/run/run-java.sh honouring JAVA_OPTS_APPEND and JAVA_APP_JAR).
# ContainerImageTest builds a service's Dockerfile.jvm on it with `podman build --from`.
#   jre-base.sh JAVA_HOME WORK_DIR
set -euo pipefail
java_home="$(readlink -f "$1")"
work="$2"
rootfs="$work/rootfs"
rm -rf "$work" && mkdir -p "$rootfs"

# a file and every shared library it loads, at the same paths
copy_with_libraries() {
  for file in "$@"; do
    cp -L --parents "$file" "$rootfs"
    ldd "$file" 2>/dev/null | grep -o '/[^ ]*' | while read -r library; do
      [ -e "$rootfs$library" ] || cp -L --parents "$library" "$rootfs"
    done
  done
}

# the Java runtime (following the package's links into /etc), without what only compiles or documents
mkdir -p "$rootfs/opt/java"
(cd "$java_home" && tar --exclude=./jmods --exclude=./include --exclude=./man --exclude=./demo \
  --exclude=./lib/src.zip -chf - .) | tar -xf - -C "$rootfs/opt/java"
copy_with_libraries "$java_home/bin/java" $(find "$java_home/lib" -name '*.so' -type f -o -name '*.so' -type l)
copy_with_libraries /bin/sh "$(command -v curl)" "$(command -v id)"
# name resolution and TLS roots, as a JVM and curl look for them
for file in /etc/nsswitch.conf /etc/ssl/certs/ca-certificates.crt; do
  [ -e "$file" ] && cp -L --parents "$file" "$rootfs"
done
find /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu -maxdepth 1 -name 'libnss_*' -exec cp -L --parents {} "$rootfs" \;

mkdir -p "$rootfs/tmp" "$rootfs/deployments" "$rootfs/home/default" "$rootfs/opt/jboss/container/java/run"
chmod 1777 "$rootfs/tmp"
printf 'root:x:0:0:root:/root:/bin/sh\ndefault:x:185:0:default:/home/default:/bin/sh\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\n' > "$rootfs/etc/group"
cat > "$rootfs/opt/jboss/container/java/run/run-java.sh" <<'SCRIPT'
#!/bin/sh
# starts the application the way the UBI OpenJDK images do, for the settings Dockerfile.jvm uses
exec java ${JAVA_OPTS_APPEND} -jar "${JAVA_APP_JAR}"
SCRIPT
chmod 755 "$rootfs/opt/jboss/container/java/run/run-java.sh"
chown -R 185:0 "$rootfs/deployments" "$rootfs/home/default"

cat > "$work/Containerfile" <<'CONTAINERFILE'
FROM scratch
COPY rootfs/ /
ENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/usr/bin:/bin HOME=/home/default
CONTAINERFILE
podman build --quiet --format docker -t localhost/ocellus-jre-base:test "$work"
