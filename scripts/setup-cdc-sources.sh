#!/usr/bin/env bash
# Configures the machine's MariaDB and PostgreSQL as change-data-capture sources
# for `lakeforge ingest cdc` and restarts them. Idempotent; run as root.
#
#   MariaDB:    binary log on, ROW format, FULL row images, a server id.
#   PostgreSQL: wal_level=logical, replication slots and WAL senders,
#               replication connections from localhost allowed (trust, like the rest).
#
# Each server is restarted only when its configuration changed or CDC is not active yet.
set -euo pipefail

log() { printf 'setup-cdc-sources: %s\n' "$*"; }

# ---------------------------------------------------------------- MariaDB
setup_mariadb() {
    if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
        log "MariaDB is not installed; skipped"
        return
    fi
    local cnf_dir=/etc/mysql/conf.d
    local cnf=$cnf_dir/lakeforge-cdc.cnf
    mkdir -p "$cnf_dir"
    local wanted
    wanted=$(cat <<'EOF'
# Written by lakeforge scripts/setup-cdc-sources.sh: binlog for change data capture.
[mysqld]
log_bin = mysql-bin
binlog_format = ROW
binlog_row_image = FULL
binlog_row_metadata = FULL
server_id = 1
expire_logs_days = 3
EOF
)
    local changed=0
    if [ ! -f "$cnf" ] || [ "$(cat "$cnf")" != "$wanted" ]; then
        printf '%s\n' "$wanted" >"$cnf"
        changed=1
    fi
    if ! grep -qE '^!includedir[[:space:]]+/etc/mysql/conf.d/?' /etc/mysql/my.cnf; then
        printf '\n!includedir /etc/mysql/conf.d/\n' >>/etc/mysql/my.cnf
        changed=1
    fi
    local log_bin=""
    log_bin=$(mariadb -uroot -N -e "SELECT @@log_bin, @@binlog_format, @@binlog_row_metadata" 2>/dev/null || true)
    if [ "$changed" = 0 ] && [ "$log_bin" = "$(printf '1\tROW\tFULL')" ]; then
        log "MariaDB already has the ROW binlog on"
        return
    fi
    log "restarting MariaDB with the ROW binlog"
    if mariadb-admin -uroot ping >/dev/null 2>&1; then
        mariadb-admin -uroot shutdown
    fi
    for _ in $(seq 1 60); do
        pgrep -x mariadbd >/dev/null || break
        sleep 0.5
    done
    mkdir -p /run/mysqld
    chown mysql:mysql /run/mysqld
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    for _ in $(seq 1 120); do
        if mariadb-admin -uroot ping >/dev/null 2>&1; then
            log "MariaDB: $(mariadb -uroot -N -e "SELECT CONCAT('log_bin=', @@log_bin, ' binlog_format=', @@binlog_format, ' binlog_row_image=', @@binlog_row_image)")"
            return
        fi
        sleep 0.5
    done
    log "MariaDB did not come back; see /var/log/mysql/error.log"
    exit 1
}

# ------------------------------------------------------------- PostgreSQL
setup_postgres() {
    if [ ! -d /etc/postgresql ] || [ -z "$(ls /etc/postgresql)" ]; then
        log "PostgreSQL is not installed; skipped"
        return
    fi
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    local dir=/etc/postgresql/$version/main
    local conf=$dir/conf.d/lakeforge-cdc.conf
    mkdir -p "$dir/conf.d"
    local wanted
    wanted=$(cat <<'EOF'
# Written by lakeforge scripts/setup-cdc-sources.sh: logical replication for change data capture.
wal_level = logical
max_replication_slots = 20
max_wal_senders = 20
EOF
)
    local changed=0
    if [ ! -f "$conf" ] || [ "$(cat "$conf")" != "$wanted" ]; then
        printf '%s\n' "$wanted" >"$conf"
        chown postgres:postgres "$conf"
        changed=1
    fi
    if ! grep -qE '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32' "$dir/pg_hba.conf"; then
        printf 'local replication all trust\nhost replication all 127.0.0.1/32 trust\n' >>"$dir/pg_hba.conf"
        changed=1
    fi
    local level=""
    level=$(psql -h 127.0.0.1 -U root -d test -Atc "SHOW wal_level" 2>/dev/null || true)
    if [ "$changed" = 0 ] && [ "$level" = logical ]; then
        log "PostgreSQL already has wal_level=logical"
        return
    fi
    log "restarting PostgreSQL $version with wal_level=logical"
    pg_ctlcluster --skip-systemctl-redirect "$version" main restart
    for _ in $(seq 1 120); do
        level=$(psql -h 127.0.0.1 -U root -d test -Atc "SHOW wal_level" 2>/dev/null || true)
        if [ -n "$level" ]; then
            log "PostgreSQL: wal_level=$level"
            return
        fi
        sleep 0.5
    done
    log "PostgreSQL did not come back; see /var/log/postgresql/"
    exit 1
}

setup_mariadb
setup_postgres
