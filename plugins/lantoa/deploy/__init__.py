"""`scripts/deploy`: publish site/ to an S3-compatible object store (issue 14).

`policy.py` says, for a site path, its Content-Type, Cache-Control, whether it is uploaded gzip-
compressed, whether its name is content-addressed and in which phase it goes; `plan.py` compares the
site with the bucket's listing (plain data: no network) and orders the work: assets, images, cards
and search shards first, the search manifest, then the HTML (new pages before changed ones), then
feeds and sitemap, deletions last; `store.py` is the only module that talks to the store (boto3);
`run.py` is the command. Nothing here is imported by a build.
"""
