"""Measurements that print figures: NLU quality (make eval) and speed (make bench)."""
