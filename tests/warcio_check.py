#!/usr/bin/env python3
"""Reads a ward-audit archive with warcio, an independent WARC library.

Prints one JSON object per response record (target URI, HTTP status, body
length and SHA-1) for the Rust test `warcio_reads_the_archive` to compare
with what the test server served. Fails if warcio finds a record it cannot
parse or a digest that does not match.
"""
import hashlib
import json
import sys

from warcio.archiveiterator import ArchiveIterator

pages = []
kinds = []
with open(sys.argv[1], "rb") as stream:
    # "raise": a digest that does not match is an error, not a note.
    for record in ArchiveIterator(stream, check_digests="raise"):
        kinds.append(record.rec_type)
        if record.rec_type != "response":
            record.content_stream().read()
            continue
        body = record.content_stream().read()
        if record.digest_checker.passed is not True:
            sys.exit(f"digests not verified: {record.digest_checker.problems}")
        pages.append({
            "uri": record.rec_headers.get_header("WARC-Target-URI"),
            "status": record.http_headers.get_statuscode(),
            "length": len(body),
            "sha1": hashlib.sha1(body).hexdigest(),
        })

if kinds[0] != "warcinfo":
    sys.exit(f"the first record is {kinds[0]}, not warcinfo")
json.dump(pages, sys.stdout)
