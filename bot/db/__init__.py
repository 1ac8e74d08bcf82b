"""The practice's own tables (handoffs, plans, scores, reminders, audit log)."""
