"""Party comments, proposals, threads, internal notes and dispositions."""
