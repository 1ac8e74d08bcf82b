"""Content without code: the practice's details and the answer texts, edited in the console.

The defaults stay in practice.yml and the domain; the database holds overrides only, each
change versioned, and every running instance reads them with a short cache.
"""
