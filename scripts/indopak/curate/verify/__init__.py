"""`indopak verify-sources`: fetch each cited page and check that its quotes are on it.

fetch     polite HTTP(S) fetching: robots.txt, rate limit per host, timeouts, size cap,
          capped redirects, http(s) only
text      article text of a fetched page (trafilatura) and the normalised form quotes are
          looked up in
citations which quotes cite which source, and where each is written
ledger    the per-source record of each check, under data/verification/
check     one run: fetch, extract and look up, with the archive fallback and the offline test
"""
