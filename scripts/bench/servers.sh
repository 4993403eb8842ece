# Shared by the benchmark scripts (sourced, not run): nginx on
# 127.0.0.1:19080 in front of Kinora instances or serving static copies,
# and stopping what a measurement started. Expects `work` (a folder nginx's
# workers can read) and `pids` (the instances started) to be set.

# nginx in front of the given upstream ports, or serving $work/static (with
# any file's gzipped copy beside it, `gzip_static`) when none is given.
start_nginx() {
  local upstreams="" location
  for port in "$@"; do upstreams+="server 127.0.0.1:$port; "; done
  if [ $# -gt 0 ]; then
    location="location / { proxy_pass http://kinora; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$host; }"
    upstreams="upstream kinora { $upstreams keepalive 64; }"
  else
    location="location / { root $work/static; default_type text/html; gzip_static on; }"
  fi
  cat >"$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/nginx-error.log;
worker_processes 1;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/body; proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
    $upstreams
    server { listen 127.0.0.1:19080; $location }
}
CONF
  nginx -c "$work/nginx.conf" -p "$work"
}

# Stops the instances in `pids` and nginx.
stop_servers() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
  if [ -f "$work/nginx.pid" ]; then
    kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    rm -f "$work/nginx.pid"
  fi
  sleep 0.3
}
