#!/usr/bin/env bash
# Fetches MovieLens 100k (100,000 ratings of 1,682 films by 943 users) as the
# PyPI wheel of RecBole ships it, in RecBole's atomic files:
# ml-100k.inter, ml-100k.item, ml-100k.user, ml-100k.link, ml-100k.kg.
#
#   scripts/fetch-movielens.sh                 # into target/movielens/ml-100k
#   scripts/fetch-movielens.sh /data/ml-100k   # into a folder of your choice
#
# Then: KINORA_MOVIELENS_DIR=<the folder printed> cargo test -p kinora-formats --test movielens
#
# Needs pip (and python3 to unpack the wheel). Nothing is fetched but the
# wheel; a folder that already holds the files is left as it is.
set -euo pipefail
version=1.2.1
root=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$root/target/movielens/ml-100k}
files=(ml-100k.inter ml-100k.item ml-100k.user ml-100k.link ml-100k.kg)

have_all() {
  for file in "${files[@]}"; do
    [ -s "$dest/$file" ] || return 1
  done
}

if ! have_all; then
  work=$(mktemp -d /tmp/kinora-movielens.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  pip download --quiet --no-deps "recbole==$version" -d "$work"
  wheel=$(ls "$work"/recbole-"$version"-*.whl)
  python3 - "$wheel" "$work/ml-100k" <<'PY'
import os, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
prefix = "recbole/dataset_example/ml-100k/"
os.makedirs(out, exist_ok=True)
with zipfile.ZipFile(wheel) as archive:
    names = [n for n in archive.namelist() if n.startswith(prefix) and not n.endswith("/")]
    if not names:
        sys.exit(f"{wheel} holds no {prefix}")
    for name in names:
        with archive.open(name) as source, open(os.path.join(out, name[len(prefix):]), "wb") as target:
            target.write(source.read())
PY
  mkdir -p "$dest"
  for file in "${files[@]}"; do
    mv "$work/ml-100k/$file" "$dest/$file"
  done
fi
dest=$(cd "$dest" && pwd)
echo "MovieLens 100k (RecBole $version's atomic files) is in $dest"
