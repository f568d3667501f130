#!/bin/sh
# Install the frozen Talkhis folder (dist/talkhis/, built by packaging/build.py) on Linux, with its
# menu entry, file associations, icons and AppStream metadata.
#
#   packaging/linux/install.sh [--prefix DIR] [--from DIR]     # default prefix: ~/.local
#   sudo packaging/linux/install.sh --prefix /usr/local         # for every user of the machine
#   packaging/linux/install.sh --uninstall [--prefix DIR]
#
# Layout under the prefix: lib/talkhis/ (the app folder), bin/talkhis (a link to it),
# share/applications/talkhis.desktop, share/metainfo/org.talkhis.Talkhis.metainfo.xml,
# share/icons/hicolor/<n>x<n>/apps/talkhis.png and scalable/apps/talkhis.svg.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
prefix="${HOME}/.local"
from="$repo/dist/talkhis"
action=install

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix=$2; shift 2 ;;
        --from) from=$2; shift 2 ;;
        --uninstall) action=uninstall; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

app="$prefix/lib/talkhis"
share="$prefix/share"
metainfo="$share/metainfo/org.talkhis.Talkhis.metainfo.xml"

refresh() {
    # Menus and icon caches pick the change up; each tool is optional.
    if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$share/applications" || true; fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t "$share/icons/hicolor" || true; fi
}

if [ "$action" = uninstall ]; then
    rm -rf "$app"
    rm -f "$prefix/bin/talkhis" "$share/applications/talkhis.desktop" "$metainfo" \
          "$share/icons/hicolor/scalable/apps/talkhis.svg"
    for png in "$repo"/resources/icons/hicolor/*/apps/talkhis.png; do
        size=$(basename "$(dirname "$(dirname "$png")")")
        rm -f "$share/icons/hicolor/$size/apps/talkhis.png"
    done
    refresh
    echo "Talkhis removed from $prefix (user data is kept: see README, 'Where data lives')"
    exit 0
fi

if [ ! -x "$from/talkhis" ]; then
    echo "install.sh: $from/talkhis not found; build it first with 'python packaging/build.py'" >&2
    exit 1
fi

mkdir -p "$prefix/lib" "$prefix/bin" "$share/applications" "$share/metainfo" "$share/icons/hicolor/scalable/apps"
rm -rf "$app.new"
cp -R "$from" "$app.new"
rm -rf "$app"
mv "$app.new" "$app"
ln -sf "$app/talkhis" "$prefix/bin/talkhis"
# The menu entry runs the installed executable by its full path: ~/.local/bin is not always on
# the PATH of a desktop session.
sed -e "s|^TryExec=talkhis\$|TryExec=$app/talkhis|" -e "s|^Exec=talkhis |Exec=$app/talkhis |" \
    "$here/talkhis.desktop" > "$share/applications/talkhis.desktop"
cp "$here/talkhis.metainfo.xml" "$metainfo"
cp "$repo/resources/icons/talkhis.svg" "$share/icons/hicolor/scalable/apps/talkhis.svg"
for png in "$repo"/resources/icons/hicolor/*/apps/talkhis.png; do
    size=$(basename "$(dirname "$(dirname "$png")")")
    mkdir -p "$share/icons/hicolor/$size/apps"
    cp "$png" "$share/icons/hicolor/$size/apps/talkhis.png"
done
refresh
echo "Talkhis installed in $app; menu entry $share/applications/talkhis.desktop"
