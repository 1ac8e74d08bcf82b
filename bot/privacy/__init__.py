"""What is stored about a user, deleting it on request, and the retention purge."""
