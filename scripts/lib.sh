# Shared by the scripts: install the Debian packages a command needs when they are missing.
# Sourced, not run.

# need_packages PACKAGE... — installs the missing ones (as root) or says how to.
need_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
            return
        fi
        echo "missing Debian packages: ${missing[*]} — install them with: apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "installing ${missing[*]} …" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}
