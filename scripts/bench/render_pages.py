#!/usr/bin/env python3
"""Renders the simulator's full listing as static page files for scripts/bench.sh.

Follows @odata.nextLink from the exporter's first-load query, writes page K as OUT/K.json byte for byte except the
nextLink, which is pointed at STATIC_BASE/v1.0/engagements/referrals?page=K+1 (the static server maps that to the
next file). Prints the page count and total bytes.
usage: render_pages.py SIMULATOR_BASE TOKEN OUT STATIC_BASE
"""
import json
import os
import re
import sys
import urllib.parse
import urllib.request

base, token, out, static_base = sys.argv[1:5]
os.makedirs(out, exist_ok=True)
url = base + "/v1.0/engagements/referrals?" + urllib.parse.urlencode({"$orderby": "createdDateTime asc"})
page, total = 0, 0
link = re.compile(rb'"@odata\.nextLink"\s*:\s*"(?:[^"\\]|\\.)*"')
while url:
    page += 1
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
    following = json.loads(body).get("@odata.nextLink")
    replacement = b'"@odata.nextLink":"%s/v1.0/engagements/referrals?page=%d"' % (static_base.encode(), page + 1)
    body = link.sub(replacement, body, count=1) if following else body
    with open(os.path.join(out, "%d.json" % page), "wb") as f:
        f.write(body)
    total += len(body)
    url = following
print(page, total)
